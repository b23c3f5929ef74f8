using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Readiness;

namespace MtvConsole.Web.Mapping;

/// <summary>
/// Saves and deletes network and storage maps: unique names, a generation bump on every change, an audit
/// entry, and a readiness pass so the map's conditions are current when the page shows them. Deleting a
/// map that a plan uses is refused, naming the plans.
/// </summary>
public sealed class MapStore(IDbContextFactory<MtvDbContext> dbFactory, ReadinessService readiness, IAuditLog audit, TimeProvider time)
{
    public async Task<T?> FindAsync<T>(string name, CancellationToken ct = default) where T : MappedResource
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<T>().AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct);
    }

    /// <summary>Creates (id not in the database) or updates a map; returns a problem sentence and changes nothing when refused.</summary>
    public async Task<string?> SaveAsync<T>(string actor, T map, Action<T, T> copySpec, CancellationToken ct = default) where T : MappedResource
    {
        if (ResourceNames.Dns1123Problem(map.Name) is { } nameProblem) return $"The name {nameProblem}.";
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Set<T>().AnyAsync(m => m.Name == map.Name && m.Id != map.Id, ct))
                return $"A {Kind<T>()} named '{map.Name}' already exists.";
            var existing = await db.Set<T>().FirstOrDefaultAsync(m => m.Id == map.Id, ct);
            if (existing is null)
            {
                map.CreatedAt = time.GetUtcNow();
                db.Set<T>().Add(map);
            }
            else
            {
                existing.Name = map.Name;
                copySpec(map, existing);
                existing.Generation++;
            }
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(actor, existing is null ? AuditActions.Create : AuditActions.Update, $"{Kind<T>()}/{map.Name}", "", true, ct);
        }
        await readiness.RevalidateAllAsync(ct);
        return null;
    }

    public async Task<string?> DeleteAsync<T>(string actor, Guid id, CancellationToken ct = default) where T : MappedResource
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var map = await db.Set<T>().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (map is null) return $"That {Kind<T>()} no longer exists.";
        var users = await db.Plans.Where(p => p.NetworkMapId == id || p.StorageMapId == id).Select(p => p.Name).ToListAsync(ct);
        if (users.Count > 0)
            return $"The {Kind<T>()} '{map.Name}' is used by plan{(users.Count > 1 ? "s" : "")} {string.Join(", ", users.Order())}; change or delete those plans first.";
        db.Set<T>().Remove(map);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(actor, AuditActions.Delete, $"{Kind<T>()}/{map.Name}", "", true, ct);
        return null;
    }

    private static string Kind<T>() => typeof(T) == typeof(NetworkMap) ? "network map" : "storage map";
}
