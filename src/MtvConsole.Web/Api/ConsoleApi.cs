using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Data;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Providers;
using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Api;

/// <summary>The REST API under <c>/api</c>. Every endpoint needs a signed-in user; changes need the operator role.</summary>
internal static class ConsoleApi
{
    public static void MapConsoleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery();
        api.MapValidationApi();
        api.MapProviderApi();

        api.MapGet("/providers", async (IDbContextFactory<MtvDbContext> dbFactory, ProviderStatusService status, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var providers = await db.Providers.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
            return providers.Select(p => ProviderDto.From(p, status.Summary(p.Id)));
        });

        api.MapGet("/providers/{name}", async (string name, IDbContextFactory<MtvDbContext> dbFactory, ProviderStatusService status, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, ct);
            return provider is null
                ? Results.Problem(statusCode: 404, title: $"No provider named '{name}'.")
                : Results.Ok(ProviderDto.From(provider, status.Summary(provider.Id)));
        });

        api.MapPost("/providers/{name}/refresh", async (string name, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            ProviderStatusService status, IAuditLog audit, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var id = await db.Providers.Where(p => p.Name == name).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
            if (id is null) return Results.Problem(statusCode: 404, title: $"No provider named '{name}'.");
            await status.RefreshAsync(id.Value, ct);
            await audit.RecordAsync(http.User.UserName(), AuditActions.Refresh, $"provider/{name}", "inventory reloaded", true, ct);
            var provider = await db.Providers.AsNoTracking().FirstAsync(p => p.Id == id, ct);
            return Results.Ok(ProviderDto.From(provider, status.Summary(provider.Id)));
        }).RequireAuthorization(Policies.Operator);

        api.MapGet("/audit", async (IDbContextFactory<MtvDbContext> dbFactory, int? take, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Audit.AsNoTracking().OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct);
        }).RequireAuthorization(Policies.Admin);
    }
}
