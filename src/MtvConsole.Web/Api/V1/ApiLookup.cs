using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Resources;
using MtvConsole.Data;

namespace MtvConsole.Web.Api.V1;

/// <summary>Finds resources by the names the API's routes carry.</summary>
internal static class ApiLookup
{
    public static async Task<T?> ByNameAsync<T>(IDbContextFactory<MtvDbContext> dbFactory, string name, CancellationToken ct) where T : Resource
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<T>().AsNoTracking().FirstOrDefaultAsync(r => r.Name == name, ct);
    }

    /// <summary>Provider names by id, for showing references by name.</summary>
    public static async Task<Dictionary<Guid, string>> ProviderNamesAsync(IDbContextFactory<MtvDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }
}
