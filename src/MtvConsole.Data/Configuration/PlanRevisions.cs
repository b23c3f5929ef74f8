using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using MtvConsole.Core.Resources;

namespace MtvConsole.Data.Configuration;

/// <summary>
/// Optimistic concurrency for plans: every modified plan gets the next revision, and EF Core checks the
/// original one in the UPDATE, so a writer that read an older plan gets a <see cref="DbUpdateConcurrencyException"/>.
/// </summary>
internal static class PlanRevisions
{
    public static void Bump(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<Plan>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Revision++;
        }
    }
}
