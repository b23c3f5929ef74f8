using MtvConsole.Core.References;

namespace MtvConsole.Core.Resources;

/// <summary>
/// A migration plan: which VMs move from which provider to which namespace, with which maps, cold or
/// warm, over which transfer network. Inert until a <see cref="MigrationRun"/> references it.
/// </summary>
public sealed class Plan : MappedResource
{
    public string Description { get; set; } = "";
    public Guid? NetworkMapId { get; set; }
    public Guid? StorageMapId { get; set; }
    public string TargetNamespace { get; set; } = "";
    public bool Warm { get; set; }

    /// <summary>The NetworkAttachmentDefinition (<c>namespace/name</c>) disks are copied over; null = pod network.</summary>
    public string? TransferNetwork { get; set; }

    public bool Archived { get; set; }

    /// <summary>Warm plans: minutes between precopies for this plan's runs; null = the engine setting (60).</summary>
    public int? PrecopyIntervalMinutes { get; set; }

    /// <summary>Warm plans: when a run started from this plan cuts over, unless the run sets its own.</summary>
    public DateTimeOffset? ScheduledCutover { get; set; }
    public List<PlanVm> Vms { get; set; } = [];

    /// <summary>
    /// Bumped on every save of the plan; a save whose revision is stale is refused, so the engine (run
    /// status), the readiness service (conditions) and editors never overwrite each other's changes.
    /// </summary>
    public long Revision { get; set; }
}

public sealed record PlanVm(Ref Ref, IReadOnlyList<PlanHook> Hooks);

public sealed record PlanHook(HookStep Step, Guid HookId);
