using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// A provider's inventory, filtered and paged on the server: vSphere VMs, hosts, networks and datastores;
/// OpenShift namespaces, NetworkAttachmentDefinitions and storage classes. Everyone may read.
/// </summary>
internal static class InventoryEndpoints
{
    public const int DefaultTake = 100;
    public const int MaxTake = 1000;

    public static void MapInventoryEndpoints(this RouteGroupBuilder api)
    {
        var inventory = api.MapGroup("/providers/{name}").WithTags("Inventory");

        inventory.MapGet("/vms", (string name, string? filter, string? guestOs, string? power, string? host, string? cluster, string? folder,
            string? sort, bool? descending, int? skip, int? take, HttpContext http, CancellationToken ct) =>
            WithSourceAsync(http, name, ct, inv =>
            {
                var errors = new Dictionary<string, string>();
                PowerState? powerState = null;
                if (!string.IsNullOrEmpty(power))
                {
                    if (Enum.TryParse<PowerState>(power, ignoreCase: true, out var p)) powerState = p;
                    else errors["power"] = "power must be poweredOn, poweredOff or suspended.";
                }
                var sortField = VmSortField.Name;
                if (!string.IsNullOrEmpty(sort) && !Enum.TryParse(sort, ignoreCase: true, out sortField))
                    errors["sort"] = "sort must be name, guestOs, power, host or path.";
                var hostId = host is null ? null : inv.Hosts.FirstOrDefault(h => h.Id == host || h.Name == host)?.Id ?? host;
                var clusterId = cluster is null ? null : inv.Clusters.FirstOrDefault(c => c.Id == cluster || c.Name == cluster)?.Id ?? cluster;
                if (Paging(skip, take, errors) is not { } paging) return ApiProblems.Invalid(errors);
                var page = VmQuery.Page(inv, new VmFilter { Name = filter, GuestOs = guestOs, Power = powerState, HostId = hostId, ClusterId = clusterId, Folder = folder },
                    sortField, descending ?? false, paging.Skip, paging.Take);
                return Results.Ok(new PageDto<VmDto>(page.TotalMatching, paging.Skip, paging.Take, [.. page.Items.Select(v => VmDto.From(v, inv))]));
            }))
            .WithSummary("VMs of a vSphere provider: filter by name, guestOs, power, host, cluster, folder; sort; page with skip/take (at most 1000)");

        inventory.MapGet("/hosts", (string name, string? filter, int? skip, int? take, HttpContext http, CancellationToken ct) =>
            WithSourceAsync(http, name, ct, inv => Paged(inv.Hosts.OrderBy(h => h.Path, StringComparer.Ordinal), h => h.Name, filter, skip, take,
                h => new HostDto(h.Id, h.Name, h.Path, inv.FindCluster(h.ClusterId)?.Name ?? "", h.InMaintenance, h.ProductVersion,
                    inv.Vms.Count(v => v.HostId == h.Id),
                    [.. h.NetworkAdapters.Select(a => new HostAdapterDto(a.Name, a.PortGroup, a.IpAddress, a.SubnetMask, a.Mtu, a.LinkSpeedMbps))]))))
            .WithSummary("ESXi hosts of a vSphere provider with their VMkernel adapters; filter by name, page with skip/take");

        inventory.MapGet("/networks", (string name, string? filter, int? skip, int? take, HttpContext http, CancellationToken ct) =>
            WithSourceAsync(http, name, ct, inv => Paged(inv.Networks.OrderBy(n => n.Path, StringComparer.Ordinal), n => n.Name, filter, skip, take,
                n => new NetworkDto(n.Id, n.Name, n.Path, n.Variant.ToString(), n.VlanId))))
            .WithSummary("Networks of a vSphere provider; filter by name, page with skip/take");

        inventory.MapGet("/datastores", (string name, string? filter, int? skip, int? take, HttpContext http, CancellationToken ct) =>
            WithSourceAsync(http, name, ct, inv => Paged(inv.Datastores.OrderBy(d => d.Path, StringComparer.Ordinal), d => d.Name, filter, skip, take,
                d => new DatastoreDto(d.Id, d.Name, d.Path, d.Type, d.CapacityBytes, d.FreeBytes, d.Maintenance))))
            .WithSummary("Datastores of a vSphere provider; filter by name, page with skip/take");

        inventory.MapGet("/namespaces", (string name, string? filter, int? skip, int? take, HttpContext http, CancellationToken ct) =>
            WithTargetAsync(http, name, ct, inv => Paged(inv.Namespaces.OrderBy(n => n.Name, StringComparer.Ordinal), n => n.Name, filter, skip, take,
                n => new NamespaceDto(n.Name))))
            .WithSummary("Namespaces of an OpenShift provider; filter by name, page with skip/take");

        inventory.MapGet("/network-attachment-definitions", (string name, string? filter, int? skip, int? take, HttpContext http, CancellationToken ct) =>
            WithTargetAsync(http, name, ct, inv => Paged(inv.NetworkAttachmentDefinitions.OrderBy(n => n.QualifiedName, StringComparer.Ordinal),
                n => n.QualifiedName, filter, skip, take, n => new NetworkAttachmentDefinitionDto(n.Namespace, n.Name, n.QualifiedName))))
            .WithSummary("NetworkAttachmentDefinitions of an OpenShift provider (namespace/name); filter, page with skip/take");

        inventory.MapGet("/storage-classes", (string name, string? filter, int? skip, int? take, HttpContext http, CancellationToken ct) =>
            WithTargetAsync(http, name, ct, inv => Paged(inv.StorageClasses.OrderBy(s => s.Name, StringComparer.Ordinal), s => s.Name, filter, skip, take,
                s => new StorageClassDto(s.Name, s.Provisioner, s.IsDefault, s.DefaultVolumeMode.ToString(), s.DefaultAccessMode.ToString()))))
            .WithSummary("Storage classes of an OpenShift provider; filter by name, page with skip/take");
    }

    private static IResult Paged<T, TDto>(IEnumerable<T> items, Func<T, string> name, string? filter, int? skip, int? take, Func<T, TDto> toDto)
    {
        var errors = new Dictionary<string, string>();
        if (Paging(skip, take, errors) is not { } paging) return ApiProblems.Invalid(errors);
        var matching = string.IsNullOrWhiteSpace(filter) ? items.ToList() : items.Where(i => name(i).Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return Results.Ok(new PageDto<TDto>(matching.Count, paging.Skip, paging.Take, [.. matching.Skip(paging.Skip).Take(paging.Take).Select(toDto)]));
    }

    private static (int Skip, int Take)? Paging(int? skip, int? take, Dictionary<string, string> errors)
    {
        if (skip is < 0) errors["skip"] = "skip must be 0 or more.";
        if (take is < 1 or > MaxTake) errors["take"] = $"take must be between 1 and {MaxTake}.";
        return errors.Count > 0 ? null : (skip ?? 0, take ?? DefaultTake);
    }

    private static Task<IResult> WithSourceAsync(HttpContext http, string name, CancellationToken ct, Func<VsphereInventory, IResult> answer) =>
        WithProviderAsync(http, name, ProviderType.Vsphere, ct, async (adapters, p) => answer(await adapters.Source(p).GetInventoryAsync(ct)));

    private static Task<IResult> WithTargetAsync(HttpContext http, string name, CancellationToken ct, Func<TargetInventory, IResult> answer) =>
        WithProviderAsync(http, name, ProviderType.OpenShift, ct, async (adapters, p) => answer(await adapters.Target(p).GetInventoryAsync(ct)));

    private static async Task<IResult> WithProviderAsync(HttpContext http, string name, ProviderType type, CancellationToken ct,
        Func<IProviderAdapters, Provider, Task<IResult>> answer)
    {
        var services = http.RequestServices;
        var provider = await ApiLookup.ByNameAsync<Provider>(services.GetRequiredService<IDbContextFactory<MtvDbContext>>(), name, ct);
        if (provider is null) return ApiProblems.NotFound("provider", name);
        if (provider.Type != type)
            return ApiProblems.NotFound($"'{name}' is {(provider.Type == ProviderType.Vsphere ? "a vSphere" : "an OpenShift")} provider; this list belongs to {(type == ProviderType.Vsphere ? "vSphere" : "OpenShift")} providers.");
        try
        {
            return await answer(services.GetRequiredService<IProviderAdapters>(), provider);
        }
        catch (Exception e) when (ProviderErrors.IsUnreachable(e))
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: $"The inventory of '{name}' cannot be read: {e.Message}");
        }
    }
}
