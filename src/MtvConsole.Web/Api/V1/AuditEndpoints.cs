using Microsoft.EntityFrameworkCore;
using MtvConsole.Data;
using MtvConsole.Web.Auth;

namespace MtvConsole.Web.Api.V1;

public sealed record AuditEntryDto(DateTimeOffset At, string User, string Action, string Target, string Details, bool Succeeded);

/// <summary>The audit log, newest first (admins).</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (int? take, IDbContextFactory<MtvDbContext> dbFactory, CancellationToken ct) =>
        {
            if (take is < 1 or > 1000) return ApiProblems.Invalid("take", "take must be between 1 and 1000.");
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var entries = await db.Audit.AsNoTracking().OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(take ?? 100).ToListAsync(ct);
            return Results.Ok(entries.Select(a => new AuditEntryDto(a.At, a.User, a.Action, a.Target, a.Details, a.Succeeded)));
        }).RequireAuthorization(Policies.Admin).WithTags("Audit").WithSummary("The newest audit entries (take: 1 to 1000, default 100)");
    }
}
