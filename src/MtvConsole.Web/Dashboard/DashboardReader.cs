using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Data;

namespace MtvConsole.Web.Dashboard;

/// <summary>
/// Reads the dashboard's state from the store: a plan's snapshot (status, its latest run's VMs, their
/// validation flags) and the runs the dispatcher must push. Every read takes a new version first, so a
/// state read later always carries a higher version than one read earlier.
/// </summary>
public sealed class DashboardReader(IDbContextFactory<MtvDbContext> dbFactory, MigrationEngine engine, IConcernStore concerns)
{
    private long _version;

    public long NextVersion() => Interlocked.Increment(ref _version);

    /// <summary>The snapshot of one plan, or null when there is no plan of that name.</summary>
    public async Task<PlanSnapshotDto?> PlanAsync(string name, CancellationToken ct = default)
    {
        var version = NextVersion();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, ct);
        if (plan is null) return null;
        var run = await LatestRunsQuery(db).Where(m => m.PlanId == plan.Id).FirstOrDefaultAsync(ct);
        return Snapshot(plan, run, version);
    }

    /// <summary>The snapshots of every plan that is not archived.</summary>
    public async Task<IReadOnlyList<PlanSnapshotDto>> AllAsync(CancellationToken ct = default)
    {
        var version = NextVersion();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plans = await db.Plans.AsNoTracking().Where(p => !p.Archived).OrderBy(p => p.Name).ToListAsync(ct);
        var runs = (await LatestRunsQuery(db).ToListAsync(ct)).ToDictionary(r => r.PlanId);
        return plans.Select(p => Snapshot(p, runs.GetValueOrDefault(p.Id), version)).ToList();
    }

    /// <summary>
    /// The current state of a flush's runs with their plans (runs that no longer exist are left out). Runs that
    /// changed status, and runs the caller does not know yet, are read whole; of the others only the VMs due are
    /// read. VMs due for a full state, and every VM of a run read whole, carry precopies and pipeline.
    /// </summary>
    public async Task<IReadOnlyList<RunState>> RunsAsync(CoalescedFlush flush, IReadOnlySet<Guid> known, CancellationToken ct = default)
    {
        var version = NextVersion();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var whole = flush.Runs.Where(r => flush.ChangedRuns.Contains(r) || !known.Contains(r)).ToList();
        var runs = await db.Migrations.AsNoTracking().AsSplitQuery().Include(m => m.Vms).Where(m => whole.Contains(m.Id)).ToListAsync(ct);
        var partial = flush.Runs.Where(r => !whole.Contains(r)).ToList();
        if (partial.Count > 0)
        {
            var partialRuns = await db.Migrations.AsNoTracking().Where(m => partial.Contains(m.Id)).ToListAsync(ct);
            var vmIds = flush.Vms.Where(k => partial.Contains(k.RunId)).Select(k => k.VmId).Distinct().ToList();
            var vms = await db.VmStatuses.AsNoTracking().Where(v => partial.Contains(v.MigrationId) && vmIds.Contains(v.VmId)).ToListAsync(ct);
            foreach (var run in partialRuns) run.Vms = vms.Where(v => v.MigrationId == run.Id && flush.Vms.Contains(new VmKey(run.Id, v.VmId))).ToList();
            runs.AddRange(partialRuns);
        }

        var planIds = runs.Select(r => r.PlanId).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return runs.Where(r => plans.ContainsKey(r.PlanId)).Select(r =>
        {
            var plan = plans[r.PlanId];
            var isWhole = whole.Contains(r.Id);
            var vms = r.Vms.OrderBy(v => v.Name, StringComparer.Ordinal)
                .Select(v => VmProgressMapper.Vm(plan.Name, plan.Warm, r, v, engine.EstimateOf(v.Id), version, isWhole || flush.FullVms.Contains(new VmKey(r.Id, v.VmId))))
                .ToList();
            return new RunState(plan, r, isWhole, vms, version);
        }).ToList();
    }

    /// <summary>The plans (not archived) that hold a VM of a source provider, by id or by name.</summary>
    public async Task<IReadOnlyList<string>> PlansWithVmAsync(Guid providerId, string vmId, string vmName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plans = await db.Plans.AsNoTracking().Where(p => p.SourceProviderId == providerId && !p.Archived).ToListAsync(ct);
        return plans.Where(p => p.Vms.Any(v => v.Ref.Id == vmId || (v.Ref.Id is null && v.Ref.Name == vmName))).Select(p => p.Name).ToList();
    }

    /// <summary>All runs of a plan, newest first (the plan page's history).</summary>
    public async Task<IReadOnlyList<MigrationRun>> HistoryAsync(Guid planId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Migrations.AsNoTracking().AsSplitQuery().Include(m => m.Vms).Where(m => m.PlanId == planId)
            .OrderByDescending(m => m.CreatedAt).ToListAsync(ct);
    }

    private static IQueryable<MigrationRun> LatestRunsQuery(MtvDbContext db) =>
        db.Migrations.AsNoTracking().AsSplitQuery()
            .Where(m => m.CreatedAt == db.Migrations.Where(x => x.PlanId == m.PlanId).Max(x => x.CreatedAt))
            .Include(m => m.Vms);

    private PlanSnapshotDto Snapshot(Plan plan, MigrationRun? run, long version)
    {
        var vms = run is null ? [] : VmsOf(plan, run, version);
        var flags = new List<ValidationFlagsDto>();
        foreach (var vm in plan.Vms)
        {
            if (vm.Ref.Id is not { } id || concerns.Get(plan.SourceProviderId, id) is not { } validation) continue;
            if (validation.Concerns.Count > 0) flags.Add(VmProgressMapper.Flags(plan.Name, id, validation.VmName, validation.Concerns));
        }

        return new PlanSnapshotDto(VmProgressMapper.Plan(plan, run, vms, version), vms, flags);
    }

    private List<VmProgressDto> VmsOf(Plan plan, MigrationRun run, long version) =>
        run.Vms.OrderBy(v => v.Name, StringComparer.Ordinal)
            .Select(v => VmProgressMapper.Vm(plan.Name, plan.Warm, run, v, engine.EstimateOf(v.Id), version)).ToList();
}

/// <summary>A run as just read: its plan, the run, whether every VM was read, and the states read (all VMs, or those due).</summary>
public sealed record RunState(Plan Plan, MigrationRun Run, bool Whole, IReadOnlyList<VmProgressDto> Vms, long Version);
