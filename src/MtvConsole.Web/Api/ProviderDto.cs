using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Api;

/// <summary>A provider as the API shows it: never its secret, only whether one is set.</summary>
public sealed record ProviderDto(
    string Name,
    string Type,
    string Backing,
    string Url,
    string Phase,
    bool SecretSet,
    IReadOnlyList<Condition> Conditions,
    int? Vms,
    int? Hosts,
    int? Networks,
    int? Datastores,
    DateTimeOffset? InventoryLoadedAt)
{
    public static ProviderDto From(Provider p, InventorySummary? summary) => new(
        p.Name,
        p.Type == ProviderType.Vsphere ? "vsphere" : "openshift",
        p.Backing.ToString().ToLowerInvariant(),
        p.Url,
        p.Phase.ToString(),
        p.SecretId is not null,
        p.Conditions,
        summary?.Counts.Vms,
        summary?.Counts.Hosts,
        summary?.Counts.Networks,
        summary?.Counts.Datastores,
        p.InventoryLoadedAt);
}
