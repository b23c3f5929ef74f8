using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>
/// Everything a plan is validated against: its providers, maps and hooks, both inventories, the VMs
/// this plan already migrated (they never count as "already exists"), and the VMs with unacknowledged
/// Critical concerns.
/// </summary>
public sealed record PlanContext(
    Provider? Source,
    Provider? Destination,
    NetworkMap? NetworkMap,
    StorageMap? StorageMap,
    IReadOnlyDictionary<Guid, Hook> Hooks,
    VsphereInventory? SourceInventory,
    TargetInventory? TargetInventory,
    IReadOnlySet<string> MigratedVmIds)
{
    /// <summary>For the given VM ids, the ones with unacknowledged Critical concerns, each as "vm (label)".</summary>
    public Func<IReadOnlyList<string>, IReadOnlyList<string>> CriticalConcerns { get; init; } = _ => [];

    /// <summary>The source provider's host migration networks: a VM on a host with a Ready one is read through that host.</summary>
    public IReadOnlyList<MigrationNetworkHost> MigrationHosts { get; init; } = [];

    /// <summary>The validation of the source provider's VDDK init image on the destination, when one has run.</summary>
    public VddkImageCheck? VddkImageCheck { get; init; }
}
