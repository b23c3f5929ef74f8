using MtvConsole.Core.Auditing;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// What users ask of the engine: start a plan (a new run), set or remove the cutover (run-wide or per
/// VM), cancel VMs or the whole run, and change the engine settings. Each change is audited and runs
/// between engine ticks.
/// </summary>
public sealed class MigrationCommands(MigrationEngine engine, IAuditLog audit, TimeProvider time)
{
    private IMigrationStore Store => engine.Store;

    public Task<CommandResult<MigrationRun>> StartAsync(string planName, string user, DateTimeOffset? cutover = null, int? precopyIntervalMinutes = null, CancellationToken ct = default) =>
        engine.ExclusiveAsync(async () =>
        {
            var plan = await Store.FindPlanAsync(planName, ct);
            if (plan is null) return await RefuseAsync<MigrationRun>(user, AuditActions.Start, planName, $"No plan named '{planName}'.", ct);
            if (plan.Archived) return await RefuseAsync<MigrationRun>(user, AuditActions.Start, planName, $"Plan '{planName}' is archived.", ct);
            if (plan.HasBlocker) return await RefuseAsync<MigrationRun>(user, AuditActions.Start, planName, $"Plan '{planName}' is not ready: {plan.FirstBlocker!.Message}", ct);
            if (precopyIntervalMinutes is < 1) return await RefuseAsync<MigrationRun>(user, AuditActions.Start, planName, "The precopy interval must be at least 1 minute.", ct);
            var run = new MigrationRun
            {
                PlanId = plan.Id,
                CreatedAt = time.GetUtcNow(),
                CreatedBy = user,
                Cutover = cutover ?? plan.ScheduledCutover,
                PrecopyIntervalMinutes = precopyIntervalMinutes ?? plan.PrecopyIntervalMinutes,
            };
            await Store.AddRunAsync(run, ct);
            await audit.RecordAsync(user, AuditActions.Start, $"plan/{planName}", $"run {run.Id}" + (run.Cutover is { } c ? $", cutover {c:u}" : ""), true, ct);
            return CommandResult<MigrationRun>.Ok(run);
        }, ct);

    /// <summary>Sets (or with null removes) the cutover of the plan's current run, or of one VM in it.</summary>
    public Task<CommandResult<MigrationRun>> SetCutoverAsync(string planName, DateTimeOffset? at, string? vmId, string user, CancellationToken ct = default) =>
        engine.ExclusiveAsync(async () =>
        {
            var (run, problem) = await CurrentRunAsync(planName, ct);
            if (run is null) return await RefuseAsync<MigrationRun>(user, AuditActions.Cutover, planName, problem!, ct);
            if (vmId is null)
            {
                run.Cutover = at;
            }
            else
            {
                run.VmCutovers.RemoveAll(c => c.VmId == vmId);
                if (at is { } vmAt) run.VmCutovers.Add(new VmCutover(vmId, vmAt));
            }

            await Store.SaveRunAsync(run, ct);
            var what = at is { } t ? $"cutover at {t:u}" : "cutover removed";
            await audit.RecordAsync(user, AuditActions.Cutover, $"plan/{planName}" + (vmId is null ? "" : $"/vm/{vmId}"), what, true, ct);
            return CommandResult<MigrationRun>.Ok(run);
        }, ct);

    /// <summary>Cancels the named VMs (ids or names) of the plan's current run, or every VM when none are named.</summary>
    public Task<CommandResult<MigrationRun>> CancelAsync(string planName, IReadOnlyList<string>? vms, string user, CancellationToken ct = default) =>
        engine.ExclusiveAsync(async () =>
        {
            var (run, problem) = await CurrentRunAsync(planName, ct);
            if (run is null) return await RefuseAsync<MigrationRun>(user, AuditActions.Cancel, planName, problem!, ct);
            var refs = vms is { Count: > 0 }
                ? vms.Select(v => run.Vms.Any(s => s.VmId == v) ? Ref.ById(v) : Ref.ByName(v)).ToList()
                : run.Vms.Count > 0 ? run.Vms.Select(v => Ref.ById(v.VmId)).ToList() : await PlanRefsAsync(run, ct);
            foreach (var r in refs.Where(r => !run.Cancel.Contains(r))) run.Cancel.Add(r);
            await Store.SaveRunAsync(run, ct);
            await audit.RecordAsync(user, AuditActions.Cancel, $"plan/{planName}", vms is { Count: > 0 } ? $"VMs {string.Join(", ", vms)}" : "whole run", true, ct);
            return CommandResult<MigrationRun>.Ok(run);
        }, ct);

    public async Task<CommandResult<EngineSettings>> UpdateSettingsAsync(EngineSettings settings, string user, CancellationToken ct = default)
    {
        if (settings.Problem() is { } problem) return await RefuseAsync<EngineSettings>(user, AuditActions.Update, "engine-settings", problem, ct);
        var saved = settings.Copy();
        saved.Id = EngineSettings.SingletonId;
        await Store.SaveSettingsAsync(saved, ct);
        await audit.RecordAsync(user, AuditActions.Update, "engine-settings", saved.ToString(), true, ct);
        return CommandResult<EngineSettings>.Ok(saved);
    }

    private async Task<List<Ref>> PlanRefsAsync(MigrationRun run, CancellationToken ct)
    {
        var context = await Store.GetPlanContextAsync(run.PlanId, ct);
        return context?.Plan.Vms.Select(v => v.Ref).ToList() ?? [];
    }

    private async Task<(MigrationRun? Run, string? Problem)> CurrentRunAsync(string planName, CancellationToken ct)
    {
        var plan = await Store.FindPlanAsync(planName, ct);
        if (plan is null) return (null, $"No plan named '{planName}'.");
        var run = (await Store.GetUnfinishedRunsAsync(ct)).Where(r => r.PlanId == plan.Id).OrderBy(r => r.CreatedAt).FirstOrDefault();
        return run is null ? (null, $"Plan '{planName}' has no run in progress.") : (run, null);
    }

    private async Task<CommandResult<T>> RefuseAsync<T>(string user, string action, string target, string problem, CancellationToken ct)
    {
        await audit.RecordAsync(user, action, target.Contains('/') ? target : $"plan/{target}", problem, false, ct);
        return CommandResult<T>.Refused(problem);
    }
}

/// <summary>The outcome of a command: the value, or why it was refused.</summary>
public sealed record CommandResult<T>(T? Value, string? Problem)
{
    public bool Succeeded => Problem is null;

    public static CommandResult<T> Ok(T value) => new(value, null);

    public static CommandResult<T> Refused(string problem) => new(default, problem);
}
