using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Api.V1;

/// <summary>A host's migration network as the API shows it; the ESXi password only as <c>"set"</c>.</summary>
public sealed record HostNetworkDto(string HostId, string Host, string Cluster, IReadOnlyList<HostAdapterDto> Adapters,
    string? MigrationNetwork, string? User, string? Password, IReadOnlyList<ConditionDto> Conditions);

/// <summary>Sets the migration network of several hosts: each host id (or name) with the adapter address to use.</summary>
public sealed record HostNetworkRequest(IReadOnlyList<HostPickDto>? Hosts, string? User, string? Password);

public sealed record HostPickDto(string HostId, string IpAddress);

/// <summary>Migration networks of a vSphere provider's ESXi hosts: read (everyone), set and remove (operators).</summary>
internal static class HostNetworkEndpoints
{
    public static void MapHostNetworkEndpoints(this RouteGroupBuilder api)
    {
        var hosts = api.MapGroup("/providers/{name}/host-networks").WithTags("Host migration networks");

        hosts.MapGet("/", async (string name, HostNetworkService service, CancellationToken ct) =>
        {
            var page = await service.LoadAsync(name, ct);
            if (page.Provider is null) return ApiProblems.NotFound("provider", name);
            if (page.Problem is not null) return ApiProblems.Conflict(page.Problem);
            return Results.Ok(page.Rows.Select(r => new HostNetworkDto(r.Host.Id, r.Host.Name, r.ClusterName,
                [.. r.Adapters.Select(a => new HostAdapterDto(a.Name, a.PortGroup, a.IpAddress, a.SubnetMask, a.Mtu, a.LinkSpeedMbps))],
                r.Current?.IpAddress, r.Current?.UserName, r.Current?.SecretId is null ? null : ProviderDto.SecretSet,
                ConditionDto.From(r.Current?.Conditions ?? []))));
        }).WithSummary("ESXi hosts with their adapters (fastest first) and migration network, if any");

        hosts.MapPut("/", async (string name, HostNetworkRequest body, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            HostNetworkService service, CancellationToken ct) =>
        {
            if (await ApiLookup.ByNameAsync<Provider>(dbFactory, name, ct) is not { } provider) return ApiProblems.NotFound("provider", name);
            var picks = (body.Hosts ?? []).Select(h => new HostPick(h.HostId ?? "", h.IpAddress ?? "")).ToList();
            var result = await service.SaveAsync(provider.Id, picks, body.User ?? "", body.Password, http.User.UserName(), ct);
            return result.Saved ? Results.NoContent() : ApiProblems.Invalid(result.Errors);
        }).RequireAuthorization(Policies.Operator)
          .WithSummary("Set the migration network and ESXi credentials of hosts; the password may be left out for hosts that already have one");

        hosts.MapDelete("/{hostId}", async (string name, string hostId, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            HostNetworkService service, CancellationToken ct) =>
        {
            if (await ApiLookup.ByNameAsync<Provider>(dbFactory, name, ct) is not { } provider) return ApiProblems.NotFound("provider", name);
            var removed = await service.RemoveAsync(provider.Id, [hostId], http.User.UserName(), ct);
            return removed > 0 ? Results.NoContent() : ApiProblems.NotFound($"Host '{hostId}' of '{name}' has no migration network.");
        }).RequireAuthorization(Policies.Operator).WithSummary("Remove a host's migration network (its disks are read through the provider URL again)");
    }
}
