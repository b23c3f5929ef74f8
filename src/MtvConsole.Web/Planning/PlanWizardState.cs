using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Mapping;

namespace MtvConsole.Web.Planning;

/// <summary>
/// Everything the create-plan wizard has gathered. Nothing is saved until the review step creates the
/// plan (with its new maps and hooks) in one transaction, so leaving midway leaves nothing half-made.
/// </summary>
public sealed class PlanWizardState
{
    // General
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid SourceProviderId { get; set; }
    public Guid DestinationProviderId { get; set; }
    public string TargetNamespace { get; set; } = "";

    // Virtual machines
    public HashSet<string> SelectedVmIds { get; } = new(StringComparer.Ordinal);

    // Maps: an existing map, or a new one described by the form.
    public Guid? ExistingNetworkMapId { get; set; }
    public NetworkMapForm NewNetworkMap { get; set; } = new();
    public Guid? ExistingStorageMapId { get; set; }
    public StorageMapForm NewStorageMap { get; set; } = new();

    // Type and networks
    public bool Warm { get; set; }
    public string? TransferNetwork { get; set; }

    // Hooks
    public HookForm? PreHook { get; set; }
    public HookForm? PostHook { get; set; }

    /// <summary>Networks and datastores the selected VMs use, for pre-filling new maps.</summary>
    public (IReadOnlyList<string> Networks, IReadOnlyList<string> Datastores) UsedBy(VsphereInventory inventory)
    {
        var vms = SelectedVmIds.Select(inventory.FindVm).OfType<VsphereVm>().ToList();
        return ([.. vms.SelectMany(v => v.NetworkIds).Distinct().Order()],
                [.. vms.SelectMany(v => v.Disks.Select(d => d.DatastoreId)).Where(d => d != "").Distinct().Order()]);
    }
}
