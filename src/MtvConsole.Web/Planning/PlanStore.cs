using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Engine;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Readiness;

namespace MtvConsole.Web.Planning;

/// <summary>
/// Creates a plan from the wizard — with its new network map, storage map and hooks — in one
/// transaction; and duplicates, archives and deletes plans with the rules of the plan list.
/// </summary>
public sealed class PlanStore(IDbContextFactory<MtvDbContext> dbFactory, ReadinessService readiness, MigrationCommands commands, IAuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Plans.Select(p => p.Name).ToListAsync(ct);
    }

    /// <summary>The VM counters of each plan's latest run (only plans that ran have one).</summary>
    public async Task<Dictionary<Guid, PlanRunSummary>> LatestRunSummariesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.Migrations.AsNoTracking()
            .Where(m => m.CreatedAt == db.Migrations.Where(x => x.PlanId == m.PlanId).Max(x => x.CreatedAt))
            .Include(m => m.Vms)
            .ToListAsync(ct);
        return latest.ToDictionary(m => m.PlanId, PlanRunSummary.From);
    }

    /// <summary>Returns a problem sentence, or null when the plan (and what it needs) was created.</summary>
    public async Task<string?> CreateAsync(string actor, PlanWizardState s, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (ResourceNames.Dns1123Problem(s.Name) is { } problem) return $"The name {problem}.";
            if (await db.Plans.AnyAsync(p => p.Name == s.Name, ct)) return $"A plan named '{s.Name}' already exists.";

            if (s.HasColdCompanion && await db.Plans.AnyAsync(p => p.Name == s.ColdCompanionName, ct)) return $"A plan named '{s.ColdCompanionName}' already exists.";

            var (networkMapId, storageMapId) = await MapsForAsync(db, s, s.Name, now, ct);
            var hooks = await HooksForAsync(db, s, s.Name, now, ct);

            // The cold companion shares everything but its name, description, type, VMs and scheduled cutover.
            Plan NewPlan(string name, string description, bool warm, IEnumerable<string> vmIds) => new()
            {
                Name = name, Description = description, CreatedAt = now,
                SourceProviderId = s.SourceProviderId, DestinationProviderId = s.DestinationProviderId,
                NetworkMapId = networkMapId, StorageMapId = storageMapId, TargetNamespace = s.TargetNamespace.Trim(),
                Warm = warm, TransferNetwork = string.IsNullOrEmpty(s.TransferNetwork) ? null : s.TransferNetwork,
                PrecopyIntervalMinutes = warm ? s.PrecopyIntervalMinutes : null,
                Vms = [.. vmIds.Order().Select(id => new PlanVm(Ref.ById(id), hooks))],
            };

            var plan = NewPlan(s.Name, s.Description.Trim(), s.Warm, s.SelectedVmIds);
            plan.ScheduledCutover = s.ScheduledCutover;
            db.Plans.Add(plan);
            if (s.HasColdCompanion)
                db.Plans.Add(NewPlan(s.ColdCompanionName, $"Cold companion of {s.Name}: its VMs without changed block tracking.", false, s.ColdCompanionVmIds));

            await db.SaveChangesAsync(ct);
        }
        await audit.RecordAsync(actor, AuditActions.Create, $"plan/{s.Name}", $"{s.SelectedVmIds.Count} VMs, {(s.Warm ? "warm" : "cold")}", true, ct);
        if (s.HasColdCompanion)
            await audit.RecordAsync(actor, AuditActions.Create, $"plan/{s.ColdCompanionName}", $"{s.ColdCompanionVmIds.Count} VMs without CBT moved from warm plan {s.Name}, cold", true, ct);
        await readiness.RevalidateAllAsync(ct);
        return null;
    }

    /// <summary>
    /// Saves the wizard's changes to a plan that has not run: VMs, maps, type, transfer network and hooks.
    /// A plan that has run is refused (duplicate it instead).
    /// </summary>
    public async Task<string?> UpdateAsync(string actor, PlanWizardState s, CancellationToken ct = default)
    {
        // The engine and the readiness service save plans too; a stale save is redone on the fresh plan.
        var problem = await ConcurrencyRetry.RunAsync(() => UpdateOnceAsync(actor, s, ct));
        if (problem is null) await readiness.RevalidateAllAsync(ct);
        return problem;
    }

    private async Task<string?> UpdateOnceAsync(string actor, PlanWizardState s, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == s.EditingPlanId, ct);
            if (plan is null) return "That plan no longer exists.";
            if (plan.Archived) return $"Plan '{plan.Name}' is archived; duplicate it to change it.";
            if (await db.Migrations.AnyAsync(m => m.PlanId == plan.Id, ct)) return $"Plan '{plan.Name}' has already run; duplicate it to change it.";

            var now = time.GetUtcNow();
            (plan.NetworkMapId, plan.StorageMapId) = await MapsForAsync(db, s, plan.Name, now, ct);
            var oldHooks = plan.Vms.SelectMany(v => v.Hooks).Select(h => h.HookId).Distinct().ToList();
            var hooks = await HooksForAsync(db, s, plan.Name, now, ct);
            // The plan's earlier hooks are replaced; remove them unless another plan uses them.
            var plansUsingOld = await db.Plans.Where(p => p.Id != plan.Id).ToListAsync(ct);
            foreach (var id in oldHooks.Where(id => !plansUsingOld.Any(p => p.Vms.Any(v => v.Hooks.Any(h => h.HookId == id)))))
                if (await db.Hooks.FindAsync([id], ct) is { } old) db.Hooks.Remove(old);

            plan.Description = s.Description.Trim();
            plan.SourceProviderId = s.SourceProviderId;
            plan.DestinationProviderId = s.DestinationProviderId;
            plan.TargetNamespace = s.TargetNamespace.Trim();
            plan.Warm = s.Warm;
            plan.PrecopyIntervalMinutes = s.Warm ? s.PrecopyIntervalMinutes : null;
            plan.ScheduledCutover = s.ScheduledCutover;
            plan.TransferNetwork = string.IsNullOrEmpty(s.TransferNetwork) ? null : s.TransferNetwork;
            plan.Vms = [.. s.SelectedVmIds.Order().Select(id => new PlanVm(Ref.ById(id), hooks))];
            plan.Generation++;
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(actor, AuditActions.Update, $"plan/{plan.Name}", $"{plan.Vms.Count} VMs, {(plan.Warm ? "warm" : "cold")}", true, ct);
        }
        return null;
    }

    /// <summary>The wizard's maps: the existing ones it picked, or new ones (added to the unit of work) named after the plan.</summary>
    private static async Task<(Guid NetworkMapId, Guid StorageMapId)> MapsForAsync(MtvDbContext db, PlanWizardState s, string planName, DateTimeOffset now, CancellationToken ct)
    {
        var networkMapId = s.ExistingNetworkMapId;
        if (networkMapId is null)
        {
            var map = new NetworkMap
            {
                Name = await FreeNameAsync(db.NetworkMaps, $"{planName}-network", ct), CreatedAt = now,
                SourceProviderId = s.SourceProviderId, DestinationProviderId = s.DestinationProviderId, Entries = [.. s.NewNetworkMap.ToEntries()],
            };
            db.NetworkMaps.Add(map);
            networkMapId = map.Id;
        }
        var storageMapId = s.ExistingStorageMapId;
        if (storageMapId is null)
        {
            var map = new StorageMap
            {
                Name = await FreeNameAsync(db.StorageMaps, $"{planName}-storage", ct), CreatedAt = now,
                SourceProviderId = s.SourceProviderId, DestinationProviderId = s.DestinationProviderId, Entries = [.. s.NewStorageMap.ToEntries()],
            };
            db.StorageMaps.Add(map);
            storageMapId = map.Id;
        }
        return (networkMapId.Value, storageMapId.Value);
    }

    /// <summary>New hook rows for the wizard's pre- and post-hook (added to the unit of work), as the plan's hook references.</summary>
    private static async Task<List<PlanHook>> HooksForAsync(MtvDbContext db, PlanWizardState s, string planName, DateTimeOffset now, CancellationToken ct)
    {
        var hooks = new List<PlanHook>();
        foreach (var (form, step) in new[] { (s.PreHook, HookStep.PreHook), (s.PostHook, HookStep.PostHook) })
        {
            if (form is null) continue;
            var hook = form.ToHook(await FreeNameAsync(db.Hooks, $"{planName}-{step.ToString().ToLowerInvariant()}", ct));
            hook.CreatedAt = now;
            db.Hooks.Add(hook);
            hooks.Add(new PlanHook(step, hook.Id));
        }
        return hooks;
    }

    /// <summary>A copy under a new name, sharing the maps and hooks; it has never run.</summary>
    public async Task<string?> DuplicateAsync(string actor, Guid planId, string newName, CancellationToken ct = default)
    {
        if (ResourceNames.Dns1123Problem(newName) is { } problem) return $"The name {problem}.";
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
            if (plan is null) return "That plan no longer exists.";
            if (await db.Plans.AnyAsync(p => p.Name == newName, ct)) return $"A plan named '{newName}' already exists.";
            db.Plans.Add(new Plan
            {
                Name = newName, Description = plan.Description, CreatedAt = time.GetUtcNow(),
                SourceProviderId = plan.SourceProviderId, DestinationProviderId = plan.DestinationProviderId,
                NetworkMapId = plan.NetworkMapId, StorageMapId = plan.StorageMapId, TargetNamespace = plan.TargetNamespace,
                Warm = plan.Warm, TransferNetwork = plan.TransferNetwork, Vms = plan.Vms,
                PrecopyIntervalMinutes = plan.PrecopyIntervalMinutes, ScheduledCutover = plan.ScheduledCutover,
            });
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(actor, AuditActions.Create, $"plan/{newName}", $"duplicate of {plan.Name}", true, ct);
        }
        await readiness.RevalidateAllAsync(ct);
        return null;
    }

    /// <summary>
    /// Archives through the engine (refused while the plan runs; leftovers of VMs that did not succeed are
    /// removed first); an archived plan is never Ready and cannot start.
    /// </summary>
    public async Task<CommandResult<ArchiveOutcome>> ArchiveAsync(string actor, Guid planId, CancellationToken ct = default)
    {
        string? name;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            name = await db.Plans.Where(p => p.Id == planId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        }

        if (name is null) return CommandResult<ArchiveOutcome>.Refused("That plan no longer exists.");
        var result = await commands.ArchiveAsync(name, actor, ct);
        if (result.Succeeded) await readiness.RevalidateAllAsync(ct);
        return result;
    }

    public async Task<string?> DeleteAsync(string actor, Guid planId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return "That plan no longer exists.";
        if (await IsRunningAsync(db, planId, ct)) return $"Plan '{plan.Name}' is running; cancel it first.";
        db.Plans.Remove(plan);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(actor, AuditActions.Delete, $"plan/{plan.Name}", "", true, ct);
        return null;
    }

    private static Task<bool> IsRunningAsync(MtvDbContext db, Guid planId, CancellationToken ct) =>
        db.Migrations.AnyAsync(m => m.PlanId == planId && m.Completed == null, ct);

    private static async Task<string> FreeNameAsync<T>(DbSet<T> set, string wanted, CancellationToken ct) where T : Resource
    {
        var name = wanted;
        for (var i = 2; await set.AnyAsync(r => r.Name == name, ct); i++) name = $"{wanted}-{i}";
        return name;
    }
}
