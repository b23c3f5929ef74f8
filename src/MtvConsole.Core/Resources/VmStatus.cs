using MtvConsole.Core.Conditions;

namespace MtvConsole.Core.Resources;

public enum RestorePowerState
{
    Unknown,
    On,
    Off,
}

/// <summary>
/// The migration status of one VM within a run: the current itinerary phase, the pipeline steps users
/// see, warm precopy history, the error and the conditions (Succeeded, Failed, Canceled).
/// </summary>
public sealed class VmStatus
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid MigrationId { get; set; }
    public required string VmId { get; set; }
    public required string Name { get; set; }
    public string Phase { get; set; } = "";
    public DateTimeOffset? Started { get; set; }
    public DateTimeOffset? Completed { get; set; }
    public RestorePowerState RestorePowerState { get; set; }
    public List<PipelineStep> Pipeline { get; set; } = [];
    public WarmStatus? Warm { get; set; }
    public VmError? Error { get; set; }
    public List<Condition> Conditions { get; set; } = [];

    public bool HasCondition(string type) => Conditions.Any(c => c.Type == type && c.Status == ConditionStatus.True);

    public bool IsRunning => Started is not null && Completed is null;

    public bool Succeeded => Completed is not null && HasCondition(ConditionTypes.Succeeded);

    /// <summary>Records an error: the VM fails, its phase becomes Completed and it gets the Failed condition.</summary>
    public void Fail(string phase, string reason, DateTimeOffset now)
    {
        Error = new VmError(phase, [.. Error?.Reasons ?? [], reason]);
        Phase = "Completed";
        Completed ??= now;
        var set = new ConditionSet(Conditions);
        set.Set(new Condition
        {
            Type = ConditionTypes.Failed,
            Category = ConditionCategory.Advisory,
            Message = "The VM migration has FAILED.",
            Durable = true,
        }, now);
        Conditions = [.. set.List];
    }
}

public sealed record VmError(string Phase, IReadOnlyList<string> Reasons);
