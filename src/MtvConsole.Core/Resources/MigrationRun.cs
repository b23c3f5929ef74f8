using MtvConsole.Core.Conditions;
using MtvConsole.Core.References;

namespace MtvConsole.Core.Resources;

/// <summary>
/// One run of a plan (Forklift's Migration): its cutover time, per-VM cutover overrides, the list of
/// VMs to cancel, and the per-VM statuses. Runs of one plan queue in creation order.
/// </summary>
public sealed class MigrationRun
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? Cutover { get; set; }
    public List<VmCutover> VmCutovers { get; set; } = [];

    /// <summary>This run's precopy interval in minutes (a per-plan override); null = the engine setting.</summary>
    public int? PrecopyIntervalMinutes { get; set; }
    public List<Ref> Cancel { get; set; } = [];
    public DateTimeOffset? Started { get; set; }
    public DateTimeOffset? Completed { get; set; }
    public List<Condition> Conditions { get; set; } = [];
    public List<VmStatus> Vms { get; set; } = [];

    /// <summary>The cutover time that applies to a VM: its own override, else the run's.</summary>
    public DateTimeOffset? CutoverFor(string vmId) =>
        VmCutovers.FirstOrDefault(c => c.VmId == vmId)?.At ?? Cutover;

    /// <summary>End state once every VM completed: Failed if any failed, else Succeeded if any succeeded, else Canceled.</summary>
    public static string EndState(IEnumerable<VmStatus> vms)
    {
        var list = vms.ToList();
        if (list.Any(v => v.HasCondition(ConditionTypes.Failed))) return ConditionTypes.Failed;
        if (list.Any(v => v.HasCondition(ConditionTypes.Succeeded))) return ConditionTypes.Succeeded;
        return ConditionTypes.Canceled;
    }
}

public sealed record VmCutover(string VmId, DateTimeOffset At);
