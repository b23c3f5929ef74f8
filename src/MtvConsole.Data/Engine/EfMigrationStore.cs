using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;

namespace MtvConsole.Data.Engine;

/// <summary>The engine's store in the console database: one short-lived context per call, no tracking across calls.</summary>
public sealed class EfMigrationStore(IDbContextFactory<MtvDbContext> dbFactory) : IMigrationStore
{
    public async Task<EngineSettings> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.EngineSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == EngineSettings.SingletonId, cancellationToken) ?? new EngineSettings();
    }

    public async Task SaveSettingsAsync(EngineSettings settings, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var copy = settings.Copy();
        copy.Id = EngineSettings.SingletonId;
        if (await db.EngineSettings.AnyAsync(s => s.Id == copy.Id, cancellationToken)) db.EngineSettings.Update(copy);
        else db.EngineSettings.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Plan?> FindPlanAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
    }

    public async Task<PlanContext?> GetPlanContextAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null) return null;
        var providers = await db.Providers.AsNoTracking()
            .Where(p => p.Id == plan.SourceProviderId || p.Id == plan.DestinationProviderId).ToListAsync(cancellationToken);
        var source = providers.FirstOrDefault(p => p.Id == plan.SourceProviderId);
        var destination = providers.FirstOrDefault(p => p.Id == plan.DestinationProviderId);
        if (source is null || destination is null) return null;
        var storageMap = plan.StorageMapId is { } s ? await db.StorageMaps.AsNoTracking().FirstOrDefaultAsync(m => m.Id == s, cancellationToken) : null;
        var networkMap = plan.NetworkMapId is { } n ? await db.NetworkMaps.AsNoTracking().FirstOrDefaultAsync(m => m.Id == n, cancellationToken) : null;
        var hookIds = plan.Vms.SelectMany(v => v.Hooks).Select(h => h.HookId).Distinct().ToList();
        var hooks = hookIds.Count == 0 ? [] : await db.Hooks.AsNoTracking().Where(h => hookIds.Contains(h.Id)).ToListAsync(cancellationToken);
        var hosts = await db.Hosts.AsNoTracking().Where(h => h.ProviderId == source.Id).ToListAsync(cancellationToken);
        return new PlanContext(plan, source, destination, storageMap, networkMap, hooks.ToDictionary(h => h.Id), hosts);
    }

    public Task UpdatePlanAsync(Guid planId, Action<Plan> change, CancellationToken cancellationToken = default) =>
        ConcurrencyRetry.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null) return;
            change(plan);
            await db.SaveChangesAsync(cancellationToken);
        });

    public async Task<IReadOnlyList<MigrationRun>> GetUnfinishedRunsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Migrations.AsNoTracking().AsSplitQuery().Include(m => m.Vms)
            .Where(m => m.Completed == null).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<MigrationRun?> GetLastFinishedRunAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Migrations.AsNoTracking().AsSplitQuery().Include(m => m.Vms)
            .Where(m => m.PlanId == planId && m.Completed != null).OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MigrationRun>> GetRunsAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Migrations.AsNoTracking().AsSplitQuery().Include(m => m.Vms)
            .Where(m => m.PlanId == planId).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task AddRunAsync(MigrationRun run, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Migrations.Add(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SaveRunAsync(MigrationRun run, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Entry(WithoutVms(run)).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AddVmsAsync(IReadOnlyList<VmStatus> vms, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.VmStatuses.AddRange(vms);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SaveVmsAsync(IReadOnlyList<VmStatus> vms, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var missed = await VmStatusWriter.UpdateAsync(db, vms, cancellationToken);
        if (missed.Count > 0)
        {
            throw new InvalidOperationException($"{missed.Count} VM status(es) to save do not exist, e.g. {missed[0].Id} ({missed[0].Name}).");
        }
    }

    // The run's own row only: its VM statuses are saved on their own.
    private static MigrationRun WithoutVms(MigrationRun run) => new()
    {
        Id = run.Id,
        PlanId = run.PlanId,
        CreatedAt = run.CreatedAt,
        CreatedBy = run.CreatedBy,
        Cutover = run.Cutover,
        VmCutovers = run.VmCutovers,
        PrecopyIntervalMinutes = run.PrecopyIntervalMinutes,
        Cancel = run.Cancel,
        Started = run.Started,
        Completed = run.Completed,
        Conditions = run.Conditions,
    };
}
