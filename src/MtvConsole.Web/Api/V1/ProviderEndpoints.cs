using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Api.V1;

/// <summary>Providers: list and read (everyone); create with credentials, update, delete and test the connection (operators).</summary>
internal static class ProviderEndpoints
{
    private const string BadTypeOrBacking = "type must be 'vsphere' or 'openshift' and backing 'remote', 'incluster' or 'lab'.";

    public static void MapProviderEndpoints(this RouteGroupBuilder api)
    {
        var providers = api.MapGroup("/providers").WithTags("Providers");

        providers.MapGet("/", async (IDbContextFactory<MtvDbContext> dbFactory, ProviderStatusService status, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var all = await db.Providers.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
            return all.Select(p => ProviderDto.From(p, status.Summary(p.Id)));
        }).WithSummary("List providers with their phase, conditions and inventory counts");

        providers.MapGet("/{name}", async (string name, IDbContextFactory<MtvDbContext> dbFactory, ProviderStatusService status, CancellationToken ct) =>
            await ApiLookup.ByNameAsync<Provider>(dbFactory, name, ct) is { } p
                ? Results.Ok(ProviderDto.From(p, status.Summary(p.Id)))
                : ApiProblems.NotFound("provider", name))
            .WithSummary("Read one provider's status: phase, conditions, inventory counts (secrets only as \"set\")");

        providers.MapPost("/", async (ProviderRequest request, HttpContext http, ProviderEditor editor, ProviderStatusService status, CancellationToken ct) =>
        {
            if (request.ToInput() is not { } input) return ApiProblems.Invalid("Type", BadTypeOrBacking);
            var result = await editor.CreateAsync(input, http.User.UserName(), ct);
            return result.Provider is { } p
                ? Results.Created($"/api/v1/providers/{p.Name}", ProviderDto.From(p, status.Summary(p.Id)))
                : ApiProblems.Invalid(result.Errors);
        }).RequireAuthorization(Policies.Operator).WithSummary("Create a provider with its credentials (encrypted at rest, never returned)");

        providers.MapPut("/{name}", async (string name, ProviderRequest request, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            ProviderEditor editor, ProviderStatusService status, CancellationToken ct) =>
        {
            if (await ApiLookup.ByNameAsync<Provider>(dbFactory, name, ct) is not { } existing) return ApiProblems.NotFound("provider", name);
            if (request.ToInput() is not { } input) return ApiProblems.Invalid("Type", BadTypeOrBacking);
            var result = await editor.UpdateAsync(existing.Id, input, http.User.UserName(), ct);
            return result.Provider is { } p ? Results.Ok(ProviderDto.From(p, status.Summary(p.Id))) : ApiProblems.Invalid(result.Errors);
        }).RequireAuthorization(Policies.Operator).WithSummary("Update a provider; secrets left out keep their stored value");

        providers.MapDelete("/{name}", async (string name, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory, ProviderEditor editor, CancellationToken ct) =>
        {
            if (await ApiLookup.ByNameAsync<Provider>(dbFactory, name, ct) is not { } existing) return ApiProblems.NotFound("provider", name);
            var result = await editor.DeleteAsync(existing.Id, http.User.UserName(), ct);
            return result.Deleted ? Results.NoContent() : ApiProblems.Conflict(result.Refusal!);
        }).RequireAuthorization(Policies.Operator).WithSummary("Delete a provider (refused while maps or plans use it)");

        providers.MapPost("/{name}/test", async (string name, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            ProviderStatusService status, IAuditLog audit, CancellationToken ct) =>
        {
            if (await ApiLookup.ByNameAsync<Provider>(dbFactory, name, ct) is not { } existing) return ApiProblems.NotFound("provider", name);
            await status.RefreshAsync(existing.Id, ct);
            await audit.RecordAsync(http.User.UserName(), AuditActions.Refresh, $"provider/{name}", "connection tested, inventory reloaded", true, ct);
            var p = (await ApiLookup.ByNameAsync<Provider>(dbFactory, name, ct))!;
            return Results.Ok(ProviderDto.From(p, status.Summary(p.Id)));
        }).RequireAuthorization(Policies.Operator).WithSummary("Test the connection and reload the inventory; returns the new status");

        providers.MapPost("/{name}/enable-cbt", async (string name, EnableCbtRequest request, HttpContext http, ChangeTrackingService cbt, CancellationToken ct) =>
        {
            var outcome = await cbt.EnableAsync(name, request.VmIds ?? [], http.User.UserName(), ct);
            return outcome.Problem is { } problem ? Results.Problem(statusCode: outcome.Status, title: problem) : Results.Ok(outcome.Results);
        }).RequireAuthorization(Policies.Operator).WithSummary("Enable changed block tracking on VMs of a vSphere provider (each VM audited)");
    }
}

/// <summary>The VMs of <c>POST /api/v1/providers/{name}/enable-cbt</c>.</summary>
public sealed record EnableCbtRequest(IReadOnlyList<string>? VmIds);
