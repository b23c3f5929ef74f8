using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Components.Shared;
using MtvConsole.Web.Planning;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// Fills the wizard's state from a plan request and checks it with the wizard's own rules, step by step,
/// so a plan made through the API passes exactly what a plan made in the wizard passes. Errors are keyed
/// by the request's field names.
/// </summary>
internal sealed class PlanRequests(IDbContextFactory<MtvDbContext> dbFactory, IProviderAdapters adapters)
{
    /// <summary>Applies the request to <paramref name="s"/>; returns the errors (empty when the plan may be saved).</summary>
    public async Task<Dictionary<string, string>> ApplyAsync(PlanRequest r, PlanWizardState s, IReadOnlyCollection<string> otherPlanNames, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var providers = await db.Providers.AsNoTracking().ToListAsync(ct);

        if (s.EditingPlanId is null) s.Name = r.Name?.Trim() ?? "";
        else if (r.Name is not null && r.Name != s.Name) errors["name"] = "A plan cannot be renamed; duplicate it under the new name.";
        if (r.Description is not null) s.Description = r.Description;
        if (r.TargetNamespace is not null) s.TargetNamespace = r.TargetNamespace.Trim();
        var source = Provider(r.SourceProvider, "sourceProvider", ProviderType.Vsphere, providers, errors);
        var destination = Provider(r.DestinationProvider, "destinationProvider", ProviderType.OpenShift, providers, errors);
        if (source is not null) s.SourceProviderId = source.Id;
        if (destination is not null) s.DestinationProviderId = destination.Id;
        if (r.Warm is { } warm) s.Warm = warm;
        if (r.PrecopyIntervalMinutes is { } interval) s.PrecopyIntervalMinutes = interval;
        if (r.Cutover is { } cutover)
        {
            if (!s.Warm) errors["cutover"] = "Only a warm plan has a scheduled cutover.";
            (s.CutoverDate, s.CutoverTime) = (cutover.UtcDateTime.Date, cutover.UtcDateTime.TimeOfDay);
        }
        if (r.PreHook is not null) s.PreHook = r.PreHook.ToForm();
        if (r.PostHook is not null) s.PostHook = r.PostHook.ToForm();

        var form = new FormErrors();
        PlanWizardRules.General(s, otherPlanNames, form);
        Collect(form, errors, r);
        if (errors.Count > 0) return errors;

        VsphereInventory inventory;
        TargetInventory target;
        try
        {
            inventory = await adapters.Source(providers.First(p => p.Id == s.SourceProviderId)).GetInventoryAsync(ct);
            target = await adapters.Target(providers.First(p => p.Id == s.DestinationProviderId)).GetInventoryAsync(ct);
        }
        catch (Exception e) when (ProviderErrors.IsUnreachable(e))
        {
            errors["sourceProvider"] = $"Both providers must answer: {e.Message}";
            return errors;
        }

        if (r.Vms is not null) SelectVms(r.Vms, s, inventory, errors);
        NetworkMap? network = null;
        StorageMap? storage = null;
        if (r.NetworkMap is not null && r.NetworkEntries is not null) errors["networkMap"] = "Give networkMap (an existing map) or networkEntries (a new map), not both.";
        else if (r.NetworkMap is not null)
        {
            network = await db.NetworkMaps.AsNoTracking().FirstOrDefaultAsync(m => m.Name == r.NetworkMap, ct);
            if (network is null) errors["networkMap"] = $"No network map named '{r.NetworkMap}'.";
            s.ExistingNetworkMapId = network?.Id;
        }
        else if (r.NetworkEntries is not null)
        {
            s.ExistingNetworkMapId = null;
            s.NewNetworkMap.Rows = MapRequests.NetworkRows([.. r.NetworkEntries.Select(e => e with { Source = ById(e.Source, inventory.Networks, n => n.Id, n => n.Name) })], "networkEntries", errors);
        }
        else if (s.ExistingNetworkMapId is { } networkId) network = await db.NetworkMaps.AsNoTracking().FirstOrDefaultAsync(m => m.Id == networkId, ct);
        else errors["networkMap"] = "Give networkMap (the name of an existing map) or networkEntries (a new map).";

        if (r.StorageMap is not null && r.StorageEntries is not null) errors["storageMap"] = "Give storageMap (an existing map) or storageEntries (a new map), not both.";
        else if (r.StorageMap is not null)
        {
            storage = await db.StorageMaps.AsNoTracking().FirstOrDefaultAsync(m => m.Name == r.StorageMap, ct);
            if (storage is null) errors["storageMap"] = $"No storage map named '{r.StorageMap}'.";
            s.ExistingStorageMapId = storage?.Id;
        }
        else if (r.StorageEntries is not null)
        {
            s.ExistingStorageMapId = null;
            s.NewStorageMap.Rows = MapRequests.StorageRows([.. r.StorageEntries.Select(e => e with { Source = ById(e.Source, inventory.Datastores, d => d.Id, d => d.Name) })], "storageEntries", errors);
        }
        else if (s.ExistingStorageMapId is { } storageId) storage = await db.StorageMaps.AsNoTracking().FirstOrDefaultAsync(m => m.Id == storageId, ct);
        else errors["storageMap"] = "Give storageMap (the name of an existing map) or storageEntries (a new map).";

        if (r.TransferNetwork is not null)
        {
            s.TransferNetwork = r.TransferNetwork.Trim().Length == 0 ? null : r.TransferNetwork.Trim();
            if (s.TransferNetwork is { } nad && target.NetworkAttachmentDefinitions.All(n => n.QualifiedName != nad))
                errors["transferNetwork"] = $"'{nad}' is not a NetworkAttachmentDefinition of the target provider; give namespace/name of one.";
        }
        if (errors.Count > 0) return errors;

        PlanWizardRules.Vms(s, form);
        PlanWizardRules.NetworkMap(s, inventory, network, form);
        PlanWizardRules.StorageMap(s, inventory, storage, form);
        PlanWizardRules.Type(s, form);
        PlanWizardRules.Hooks(s, form);
        Collect(form, errors, r);
        return errors;
    }

    private static void SelectVms(IReadOnlyList<string> vms, PlanWizardState s, VsphereInventory inventory, Dictionary<string, string> errors)
    {
        s.SelectedVmIds.Clear();
        var unknown = new List<string>();
        var ambiguous = new List<string>();
        foreach (var wanted in vms)
        {
            if (inventory.FindVm(wanted) is { } byId) { s.SelectedVmIds.Add(byId.Id); continue; }
            var byName = inventory.Vms.Where(v => v.Name == wanted).ToList();
            if (byName.Count == 1) s.SelectedVmIds.Add(byName[0].Id);
            else (byName.Count == 0 ? unknown : ambiguous).Add(wanted);
        }
        if (unknown.Count > 0) errors["vms"] = $"Not in the inventory of the source provider: {string.Join(", ", unknown)}.";
        else if (ambiguous.Count > 0) errors["vms"] = $"More than one VM has the name {string.Join(", ", ambiguous)}; give the VM id.";
    }

    /// <summary>An entry's source given by name becomes its id when exactly one object has that name.</summary>
    private static string ById<T>(string source, IReadOnlyList<T> items, Func<T, string> id, Func<T, string> name)
    {
        if (string.IsNullOrEmpty(source) || items.Any(i => id(i) == source)) return source;
        var named = items.Where(i => name(i) == source).ToList();
        return named.Count == 1 ? id(named[0]) : source;
    }

    private static Provider? Provider(string? name, string field, ProviderType type, List<Provider> providers, Dictionary<string, string> errors)
    {
        if (name is null) return null;
        var provider = providers.FirstOrDefault(p => p.Name == name);
        if (provider is null) errors[field] = $"No provider named '{name}'.";
        else if (provider.Type != type) errors[field] = $"'{name}' is not {(type == ProviderType.Vsphere ? "a vSphere" : "an OpenShift")} provider.";
        else return provider;
        return null;
    }

    private static void Collect(FormErrors form, Dictionary<string, string> errors, PlanRequest r)
    {
        foreach (var (key, message) in form.Entries) errors.TryAdd(FieldName(key, r), message);
        form.Clear();
    }

    /// <summary>The wizard's error keys as the request's field names.</summary>
    private static string FieldName(string key, PlanRequest r) => key switch
    {
        nameof(PlanWizardState.Name) => "name",
        nameof(PlanWizardState.SourceProviderId) => "sourceProvider",
        nameof(PlanWizardState.DestinationProviderId) => "destinationProvider",
        nameof(PlanWizardState.TargetNamespace) => "targetNamespace",
        nameof(PlanWizardState.SelectedVmIds) => "vms",
        nameof(PlanWizardState.PrecopyIntervalMinutes) => "precopyIntervalMinutes",
        nameof(PlanWizardState.PreHook) => "preHook",
        nameof(PlanWizardState.PostHook) => "postHook",
        "NetworkMap" => r.NetworkEntries is null ? "networkMap" : "networkEntries",
        "StorageMap" => r.StorageEntries is null ? "storageMap" : "storageEntries",
        _ when key.StartsWith("NetworkMap.", StringComparison.Ordinal) => MapRequests.FieldName(key["NetworkMap.".Length..], "networkEntries"),
        _ when key.StartsWith("StorageMap.", StringComparison.Ordinal) => MapRequests.FieldName(key["StorageMap.".Length..], "storageEntries"),
        _ => key,
    };
}
