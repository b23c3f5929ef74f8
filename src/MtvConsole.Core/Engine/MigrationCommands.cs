using MtvConsole.Core.Auditing;
using MtvConsole.Core.Conditions;
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

    /// <summary>
    /// What restarting the plan would do (reference §5.3): VMs the last run migrated are kept, the others
    /// run again after the listed leftovers of their earlier attempt are removed. Changes nothing.
    /// </summary>
    public Task<CommandResult<RestartPreview>> PreviewRestartAsync(string planName, CancellationToken ct = default) =>
        engine.ExclusiveAsync(async () =>
        {
            var (plan, last, problem) = await FinishedPlanAsync(planName, "restarted", ct);
            if (problem is not null) return CommandResult<RestartPreview>.Refused(problem);
            if (last is null) return CommandResult<RestartPreview>.Refused($"Plan '{planName}' has not run yet; start it instead.");
            var work = await engine.WorkForAsync(last, ct);
            if (work is null) return CommandResult<RestartPreview>.Refused($"No plan named '{planName}'.");
            var kept = new List<RestartPreviewVm>();
            var again = new List<RestartPreviewVm>();
            foreach (var planVm in plan!.Vms)
            {
                var vm = RefResolver.Resolve(planVm.Ref, work.Inventory.Vms, v => v.Id, v => v.Name, v => v.Path).Item;
                var id = vm?.Id ?? planVm.Ref.Id ?? "";
                var name = vm?.Name ?? planVm.Ref.Name ?? id;
                var earlier = last.Vms.FirstOrDefault(v => v.VmId == id);
                if (vm is not null && earlier is { Succeeded: true })
                {
                    kept.Add(new RestartPreviewVm(id, name, ConditionTypes.Succeeded, []));
                    continue;
                }

                var previously = earlier is null ? "Not run" : earlier.HasCondition(ConditionTypes.Failed) ? ConditionTypes.Failed
                    : earlier.HasCondition(ConditionTypes.Canceled) ? ConditionTypes.Canceled : "Unfinished";
                var leftovers = vm is not null && earlier is not null ? await VmLeftovers.FindAsync(work, earlier, vm, ct) : [];
                again.Add(new RestartPreviewVm(id, name, vm is null ? "Not in the inventory" : previously, leftovers));
            }

            return CommandResult<RestartPreview>.Ok(new RestartPreview(planName, kept, again));
        }, ct);

    /// <summary>
    /// Archives a plan that is not running (reference §5.4): removes what the last run left behind for VMs
    /// that did not succeed (best effort; what fails is reported), then marks the plan archived, so it is
    /// never Ready and cannot start again.
    /// </summary>
    public Task<CommandResult<ArchiveOutcome>> ArchiveAsync(string planName, string user, CancellationToken ct = default) =>
        engine.ExclusiveAsync(async () =>
        {
            var (plan, last, problem) = await FinishedPlanAsync(planName, "archived", ct);
            if (problem is not null) return await RefuseAsync<ArchiveOutcome>(user, AuditActions.Archive, planName, problem, ct);
            var cleaned = new List<string>();
            var problems = new List<string>();
            if (last is not null)
            {
                try
                {
                    if (await engine.WorkForAsync(last, ct) is { } work)
                    {
                        var dirty = new List<VmStatus>();
                        foreach (var status in last.Vms.Where(v => !v.Succeeded))
                        {
                            if (work.Inventory.Vms.FirstOrDefault(v => v.Id == status.VmId) is not { } vm) continue;
                            try
                            {
                                await VmCleanup.RemoveArtifactsAsync(work, status, vm, ct);
                                cleaned.Add(status.Name);
                                dirty.Add(status);
                            }
                            catch (Exception e) when (e is not OperationCanceledException)
                            {
                                problems.Add($"{status.Name}: {e.Message}");
                            }
                        }

                        if (dirty.Count > 0) await Store.SaveVmsAsync(dirty, ct);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    problems.Add($"The leftovers could not be listed: {e.Message}");
                }
            }

            await Store.UpdatePlanAsync(plan!.Id, p =>
            {
                p.Archived = true;
                p.Generation++;
            }, ct);
            var detail = $"archived; leftovers removed for {cleaned.Count} VMs" + (problems.Count > 0 ? $"; not removed: {string.Join("; ", problems)}" : "");
            await audit.RecordAsync(user, AuditActions.Archive, $"plan/{planName}", detail, true, ct);
            return CommandResult<ArchiveOutcome>.Ok(new ArchiveOutcome(planName, cleaned, problems));
        }, ct);

    /// <summary>The plan and its last finished run, or why it cannot be <paramref name="verb"/> now.</summary>
    private async Task<(Plan? Plan, MigrationRun? Last, string? Problem)> FinishedPlanAsync(string planName, string verb, CancellationToken ct)
    {
        var plan = await Store.FindPlanAsync(planName, ct);
        if (plan is null) return (null, null, $"No plan named '{planName}'.");
        if (plan.Archived) return (plan, null, $"Plan '{planName}' is archived.");
        if ((await Store.GetUnfinishedRunsAsync(ct)).Any(r => r.PlanId == plan.Id))
            return (plan, null, $"Plan '{planName}' has a run in progress; it can be {verb} when the run ends or after it is canceled.");
        return (plan, await Store.GetLastFinishedRunAsync(plan.Id, ct), null);
    }

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
