namespace MtvConsole.Core.Conditions;

/// <summary>
/// The conditions of one resource. Enforces Forklift's rules: one condition per type (setting a type
/// again replaces it, keeping the transition time when nothing changed), Critical and Error are
/// blockers, <c>Ready</c> exists only while there is no blocker, and staging drops every non-durable
/// condition that was not set again between <see cref="BeginStaging"/> and <see cref="EndStaging"/>.
/// </summary>
public sealed class ConditionSet
{
    private readonly List<Condition> _items = [];
    private HashSet<string>? _staged;

    public ConditionSet() { }

    public ConditionSet(IEnumerable<Condition> conditions)
    {
        foreach (var c in conditions) Set(c, c.LastTransitionTime);
    }

    public IReadOnlyList<Condition> List => _items;

    /// <summary>
    /// Whether any blocker is in force. While staging, a non-durable condition not yet set again in
    /// this pass is stale and does not count: a problem fixed since the last pass no longer blocks.
    /// </summary>
    public bool HasBlocker => _items.Any(c => c.IsBlocker && IsCurrent(c));

    public bool IsReady => Has(ConditionTypes.Ready);

    public IEnumerable<Condition> Blockers => _items.Where(c => c.IsBlocker && IsCurrent(c));

    private bool IsCurrent(Condition c) => _staged is null || c.Durable || _staged.Contains(c.Type);

    public Condition? Find(string type) => _items.FirstOrDefault(c => c.Type == type);

    public bool Has(string type) => _items.Any(c => c.Type == type && c.Status == ConditionStatus.True);

    /// <summary>
    /// Sets (adds or replaces) the condition of that type. Returns false, changing nothing, when
    /// <c>Ready</c> is set while a blocker exists. Setting a blocker removes <c>Ready</c>.
    /// </summary>
    public bool Set(Condition condition, DateTimeOffset now)
    {
        if (condition.Type == ConditionTypes.Ready && HasBlocker) return false;
        _staged?.Add(condition.Type);
        var index = _items.FindIndex(c => c.Type == condition.Type);
        if (index >= 0)
        {
            var existing = _items[index];
            _items[index] = condition with
            {
                LastTransitionTime = existing.SameAs(condition) ? existing.LastTransitionTime : now,
            };
        }
        else
        {
            _items.Add(condition with { LastTransitionTime = now });
        }
        if (condition.IsBlocker) Delete(ConditionTypes.Ready);
        return true;
    }

    /// <summary>Sets <c>Ready</c> with the message when there is no blocker; otherwise removes it.</summary>
    public void SetReadyUnlessBlocked(string message, DateTimeOffset now)
    {
        if (HasBlocker)
        {
            Delete(ConditionTypes.Ready);
            return;
        }
        Set(new Condition { Type = ConditionTypes.Ready, Category = ConditionCategory.Required, Message = message }, now);
    }

    public bool Delete(string type) => _items.RemoveAll(c => c.Type == type) > 0;

    /// <summary>Starts a validation pass: conditions not set again before <see cref="EndStaging"/> are dropped.</summary>
    public void BeginStaging() => _staged = [];

    /// <summary>Ends a validation pass: drops non-durable conditions that were not set again.</summary>
    public void EndStaging()
    {
        if (_staged is null) throw new InvalidOperationException("EndStaging called without BeginStaging.");
        var staged = _staged;
        _staged = null;
        _items.RemoveAll(c => !c.Durable && !staged.Contains(c.Type));
        if (HasBlocker) Delete(ConditionTypes.Ready);
    }
}
