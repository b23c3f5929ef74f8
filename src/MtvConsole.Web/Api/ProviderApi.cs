using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Api;

/// <summary>
/// A provider as the API accepts it. <c>type</c> is <c>vsphere</c> or <c>openshift</c>; <c>backing</c> is
/// <c>remote</c> (default), <c>incluster</c> or <c>lab</c>. Giving <c>pinnedSha1</c> and <c>pinnedSha256</c>
/// trusts that certificate. Secrets left out of an update keep their stored value.
/// </summary>
public sealed record ProviderRequest(
    string Name,
    string Type,
    string? Backing = null,
    string? Url = null,
    string? UserName = null,
    string? Password = null,
    string? Token = null,
    string? CaBundle = null,
    bool InsecureSkipVerify = false,
    string? PinnedSha1 = null,
    string? PinnedSha256 = null)
{
    public ProviderInput? ToInput() =>
        ParseType(Type) is not { } type || ParseBacking(Backing) is not { } backing ? null : new ProviderInput
        {
            Name = Name ?? "",
            Type = type,
            Backing = backing,
            Url = Url ?? "",
            UserName = UserName ?? "",
            Password = Password,
            Token = Token,
            CaBundle = CaBundle,
            InsecureSkipVerify = InsecureSkipVerify,
            TrustCertificate = !string.IsNullOrWhiteSpace(PinnedSha256),
            TrustedSha1 = PinnedSha1,
            TrustedSha256 = PinnedSha256,
        };

    private static ProviderType? ParseType(string? type) => type?.ToLowerInvariant() switch
    {
        "vsphere" => ProviderType.Vsphere,
        "openshift" => ProviderType.OpenShift,
        _ => null,
    };

    private static ProviderBacking? ParseBacking(string? backing) => backing?.ToLowerInvariant() switch
    {
        null or "" or "remote" => ProviderBacking.Remote,
        "incluster" => ProviderBacking.InCluster,
        "lab" => ProviderBacking.Lab,
        _ => null,
    };
}

/// <summary>Create, update and delete providers under <c>/api/providers</c>, and enable CBT of their VMs (operator or admin).</summary>
internal static class ProviderApi
{
    private const string BadTypeOrBacking = "type must be 'vsphere' or 'openshift' and backing 'remote', 'incluster' or 'lab'.";

    public static void MapProviderApi(this RouteGroupBuilder api)
    {
        api.MapPost("/providers", async (ProviderRequest request, HttpContext http, ProviderEditor editor, ProviderStatusService status, CancellationToken ct) =>
        {
            if (request.ToInput() is not { } input) return Results.ValidationProblem(new Dictionary<string, string[]> { ["Type"] = [BadTypeOrBacking] });
            var result = await editor.CreateAsync(input, http.User.UserName(), ct);
            return result.Provider is { } p
                ? Results.Created($"/api/providers/{p.Name}", ProviderDto.From(p, status.Summary(p.Id)))
                : Problem(result);
        }).RequireAuthorization(Policies.Operator);

        api.MapPut("/providers/{name}", async (string name, ProviderRequest request, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            ProviderEditor editor, ProviderStatusService status, CancellationToken ct) =>
        {
            if (await FindIdAsync(dbFactory, name, ct) is not { } id) return NotFound(name);
            if (request.ToInput() is not { } input) return Results.ValidationProblem(new Dictionary<string, string[]> { ["Type"] = [BadTypeOrBacking] });
            var result = await editor.UpdateAsync(id, input, http.User.UserName(), ct);
            return result.Provider is { } p ? Results.Ok(ProviderDto.From(p, status.Summary(p.Id))) : Problem(result);
        }).RequireAuthorization(Policies.Operator);

        api.MapDelete("/providers/{name}", async (string name, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory, ProviderEditor editor, CancellationToken ct) =>
        {
            if (await FindIdAsync(dbFactory, name, ct) is not { } id) return NotFound(name);
            var result = await editor.DeleteAsync(id, http.User.UserName(), ct);
            return result.Deleted ? Results.NoContent() : Results.Problem(statusCode: 409, title: result.Refusal);
        }).RequireAuthorization(Policies.Operator);

        MapChangeTracking(api);
    }

    /// <summary>The VMs of <c>POST /api/providers/{name}/enable-cbt</c>.</summary>
    public sealed record EnableCbtRequest(IReadOnlyList<string>? VmIds);

    private static void MapChangeTracking(RouteGroupBuilder api) =>
        api.MapPost("/providers/{name}/enable-cbt", async (string name, EnableCbtRequest request, HttpContext http, ChangeTrackingService cbt, CancellationToken ct) =>
        {
            var outcome = await cbt.EnableAsync(name, request.VmIds ?? [], http.User.UserName(), ct);
            return outcome.Problem is { } problem ? Results.Problem(statusCode: outcome.Status, title: problem) : Results.Ok(outcome.Results);
        }).RequireAuthorization(Policies.Operator);

    private static IResult Problem(ProviderSaveResult result) =>
        Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }));

    private static IResult NotFound(string name) => Results.Problem(statusCode: 404, title: $"No provider named '{name}'.");

    private static async Task<Guid?> FindIdAsync(IDbContextFactory<MtvDbContext> dbFactory, string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Providers.Where(p => p.Name == name).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
    }
}
