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
    /// <summary>Set when the wizard edits a plan that has not run yet, instead of creating one.</summary>
    public Guid? EditingPlanId { get; set; }

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

    /// <summary>Warm: minutes between precopies; null = the engine's setting.</summary>
    public int? PrecopyIntervalMinutes { get; set; }

    /// <summary>Warm: the cutover date and time (UTC) for runs of this plan; null = set it later.</summary>
    public DateTime? CutoverDate { get; set; }
    public TimeSpan? CutoverTime { get; set; }

    public DateTimeOffset? ScheduledCutover =>
        Warm && CutoverDate is { } date ? new DateTimeOffset(date.Date + (CutoverTime ?? TimeSpan.Zero), TimeSpan.Zero) : null;

    public string? TransferNetwork { get; set; }

    // Hooks
    /// <summary>VMs without changed block tracking moved out of this warm plan into a cold plan created with it.</summary>
    public HashSet<string> ColdCompanionVmIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Creating this plan also creates the cold plan for <see cref="ColdCompanionVmIds"/> (a warm plan that moved VMs out).</summary>
    public bool HasColdCompanion => Warm && ColdCompanionVmIds.Count > 0;

    /// <summary>The name of that cold plan: this plan's name with "-cold" (within the 63-character limit).</summary>
    public string ColdCompanionName => (Name.Length > 58 ? Name[..58].TrimEnd('-') : Name) + "-cold";

    public HookForm? PreHook { get; set; }
    public HookForm? PostHook { get; set; }

    /// <summary>The wizard state of an existing plan: its maps are reused, its hooks become editable forms.</summary>
    public static PlanWizardState From(Plan plan, IReadOnlyDictionary<Guid, Hook> hooks)
    {
        var state = new PlanWizardState
        {
            EditingPlanId = plan.Id, Name = plan.Name, Description = plan.Description,
            SourceProviderId = plan.SourceProviderId, DestinationProviderId = plan.DestinationProviderId, TargetNamespace = plan.TargetNamespace,
            ExistingNetworkMapId = plan.NetworkMapId, ExistingStorageMapId = plan.StorageMapId,
            Warm = plan.Warm, TransferNetwork = plan.TransferNetwork, PrecopyIntervalMinutes = plan.PrecopyIntervalMinutes,
            CutoverDate = plan.ScheduledCutover?.UtcDateTime.Date, CutoverTime = plan.ScheduledCutover?.UtcDateTime.TimeOfDay,
        };
        foreach (var vm in plan.Vms) state.SelectedVmIds.Add(vm.Ref.Id ?? vm.Ref.Name ?? "");
        var planHooks = plan.Vms.SelectMany(v => v.Hooks).DistinctBy(h => h.Step).ToList();
        HookForm? Form(HookStep step) => planHooks.FirstOrDefault(h => h.Step == step) is { } h && hooks.TryGetValue(h.HookId, out var hook) ? HookForm.From(hook) : null;
        state.PreHook = Form(HookStep.PreHook);
        state.PostHook = Form(HookStep.PostHook);
        return state;
    }

    /// <summary>Networks and datastores the selected VMs use, for pre-filling new maps.</summary>
    public (IReadOnlyList<string> Networks, IReadOnlyList<string> Datastores) UsedBy(VsphereInventory inventory)
    {
        // The cold companion plan shares the maps, so its VMs count too.
        var vms = SelectedVmIds.Concat(ColdCompanionVmIds).Select(inventory.FindVm).OfType<VsphereVm>().ToList();
        return ([.. vms.SelectMany(v => v.NetworkIds).Distinct().Order()],
                [.. vms.SelectMany(v => v.Disks.Select(d => d.DatastoreId)).Where(d => d != "").Distinct().Order()]);
    }
}
