using MtvConsole.Core.Conditions;

namespace MtvConsole.Core.Resources;

/// <summary>
/// What every console resource has: a unique name, a generation bumped on every spec change, the
/// generation last validated, and its conditions.
/// </summary>
public abstract class Resource
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Generation { get; set; } = 1;
    public long ObservedGeneration { get; set; }
    public List<Condition> Conditions { get; set; } = [];

    /// <summary>Runs a validation pass over the conditions (staging: stale non-durable ones are dropped).</summary>
    /// <param name="readyMessage">The Ready message, or null when the resource may not be Ready at all (an archived plan).</param>
    public void Validate(DateTimeOffset now, Action<ConditionSet> validate, string? readyMessage)
    {
        var set = new ConditionSet(Conditions);
        set.BeginStaging();
        validate(set);
        if (readyMessage is not null) set.SetReadyUnlessBlocked(readyMessage, now);
        set.EndStaging();
        Conditions = [.. set.List];
        ObservedGeneration = Generation;
    }

    public bool IsReady => Conditions.Any(c => c.Type == ConditionTypes.Ready) && !HasBlocker;

    public bool HasBlocker => Conditions.Any(c => c.IsBlocker);

    public Condition? FirstBlocker => Conditions.FirstOrDefault(c => c.IsBlocker);
}
