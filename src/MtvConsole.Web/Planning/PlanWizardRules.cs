using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Components.Shared;
using MtvConsole.Web.Mapping;

namespace MtvConsole.Web.Planning;

/// <summary>
/// What makes each wizard step valid. A step is reachable only when every earlier step passes; the
/// messages sit next to the fields they are about.
/// </summary>
public static class PlanWizardRules
{
    public static void General(PlanWizardState s, IReadOnlyCollection<string> existingPlanNames, FormErrors errors)
    {
        if (ResourceNames.Dns1123Problem(s.Name) is { } name) errors.Add(nameof(s.Name), $"The name {name}.");
        else if (existingPlanNames.Contains(s.Name)) errors.Add(nameof(s.Name), $"A plan named '{s.Name}' already exists.");
        if (s.SourceProviderId == Guid.Empty) errors.Add(nameof(s.SourceProviderId), "Pick the source provider.");
        if (s.DestinationProviderId == Guid.Empty) errors.Add(nameof(s.DestinationProviderId), "Pick the target provider.");
        if (ResourceNames.Dns1123Problem(s.TargetNamespace) is { } ns) errors.Add(nameof(s.TargetNamespace), $"The target namespace {ns}.");
    }

    public static void Vms(PlanWizardState s, FormErrors errors)
    {
        if (s.SelectedVmIds.Count == 0) errors.Add(nameof(s.SelectedVmIds), "Select at least one VM.");
    }

    /// <summary>Every network the selected VMs use must be mapped (to the pod network, a NAD, or ignored).</summary>
    public static void NetworkMap(PlanWizardState s, VsphereInventory inventory, NetworkMap? existing, FormErrors errors)
    {
        var (networks, _) = s.UsedBy(inventory);
        IEnumerable<string> mapped;
        if (s.ExistingNetworkMapId is not null)
        {
            if (existing is null) { errors.Add("NetworkMap", "Pick a network map."); return; }
            mapped = existing.References;
        }
        else
        {
            var form = s.NewNetworkMap;
            (form.SourceProviderId, form.DestinationProviderId) = (s.SourceProviderId, s.DestinationProviderId);
            var result = new NetworkMapFormValidator().Validate(form);
            foreach (var e in result.Errors.Where(e => e.PropertyName != nameof(NetworkMapForm.Name)))
                errors.Add($"NetworkMap.{e.PropertyName}", e.ErrorMessage);
            mapped = form.Rows.Select(r => r.SourceNetworkId);
        }
        var unmapped = networks.Except(mapped).Select(id => inventory.Networks.FirstOrDefault(n => n.Id == id)?.Name ?? id).ToList();
        if (unmapped.Count > 0) errors.Add("NetworkMap", $"Map every network the selected VMs use; not mapped: {string.Join(", ", unmapped)}.");
    }

    public static void StorageMap(PlanWizardState s, VsphereInventory inventory, StorageMap? existing, FormErrors errors)
    {
        var (_, datastores) = s.UsedBy(inventory);
        IEnumerable<string> mapped;
        if (s.ExistingStorageMapId is not null)
        {
            if (existing is null) { errors.Add("StorageMap", "Pick a storage map."); return; }
            mapped = existing.References;
        }
        else
        {
            (s.NewStorageMap.SourceProviderId, s.NewStorageMap.DestinationProviderId) = (s.SourceProviderId, s.DestinationProviderId);
            var result = new StorageMapFormValidator().Validate(s.NewStorageMap);
            foreach (var e in result.Errors.Where(e => e.PropertyName != nameof(StorageMapForm.Name)))
                errors.Add($"StorageMap.{e.PropertyName}", e.ErrorMessage);
            mapped = s.NewStorageMap.Rows.Select(r => r.SourceDatastoreId);
        }
        var unmapped = datastores.Except(mapped).Select(id => inventory.Datastores.FirstOrDefault(d => d.Id == id)?.Name ?? id).ToList();
        if (unmapped.Count > 0) errors.Add("StorageMap", $"Map every datastore the selected VMs use; not mapped: {string.Join(", ", unmapped)}.");
    }

    public static void Type(PlanWizardState s, FormErrors errors, IReadOnlyCollection<string>? existingPlanNames = null)
    {
        if (s.Warm && s.PrecopyIntervalMinutes is < 1 or > 1440)
            errors.Add(nameof(s.PrecopyIntervalMinutes), "The precopy interval is between 1 and 1440 minutes.");
        if (s.HasColdCompanion && existingPlanNames?.Contains(s.ColdCompanionName) == true)
            errors.Add(nameof(s.ColdCompanionVmIds), $"A plan named '{s.ColdCompanionName}' already exists, so the VMs without CBT cannot move to a new cold plan of that name; rename this plan or keep them here.");
    }

    public static void Hooks(PlanWizardState s, FormErrors errors)
    {
        if (s.PreHook?.Problem is { } pre) errors.Add(nameof(s.PreHook), pre);
        if (s.PostHook?.Problem is { } post) errors.Add(nameof(s.PostHook), post);
    }
}
