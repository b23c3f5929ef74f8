using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// Beginning and ending a run (reference §3, §5.3): at the beginning the VM list is built, keeping the
/// VMs an earlier run of the plan migrated and resetting the rest after removing their leftovers; at
/// the end the run and plan get Failed, Succeeded or Canceled.
/// </summary>
internal sealed class RunLifecycle(IMigrationStore store)
{
    public async Task BeginAsync(RunWork work, DateTimeOffset now, CancellationToken ct)
    {
        var run = work.Run;
        var plan = work.Context.Plan;
        await work.Target.EnsureNamespaceAsync(plan.TargetNamespace, ct);
        var previous = await store.GetLastFinishedRunAsync(plan.Id, ct);
        var vms = new List<VmStatus>();
        foreach (var planVm in plan.Vms)
        {
            var resolved = RefResolver.Resolve(planVm.Ref, work.Inventory.Vms, v => v.Id, v => v.Name, v => v.Path).Item;
            var earlier = previous?.Vms.FirstOrDefault(v => v.VmId == (resolved?.Id ?? planVm.Ref.Id));
            if (resolved is not null && earlier is { Succeeded: true })
            {
                vms.Add(Preserve(earlier, run.Id));
                continue;
            }

            if (resolved is not null && earlier is not null)
            {
                await VmCleanup.RemoveArtifactsAsync(work, earlier, resolved, ct);
            }

            vms.Add(Fresh(work, planVm, resolved, run.Id, now));
        }

        run.Vms.Clear();
        run.Vms.AddRange(vms);
        run.Started = now;
        run.Conditions = SetStatus(run.Conditions, ConditionTypes.Executing, "The plan is EXECUTING.", now);
        await store.AddVmsAsync(vms, ct);
        await store.SaveRunAsync(run, ct);
        await SavePlanStatusAsync(plan, ConditionTypes.Executing, "The plan is EXECUTING.", now, ct);
    }

    /// <summary>Ends the run when every VM has completed; returns the end state, or null while VMs remain.</summary>
    public async Task<string?> EndIfDoneAsync(RunWork work, DateTimeOffset now, CancellationToken ct)
    {
        var run = work.Run;
        if (run.Started is null || run.Completed is not null || run.Vms.Any(v => v.Completed is null)) return null;
        var state = MigrationRun.EndState(run.Vms);
        var message = $"The plan execution has {state.ToUpperInvariant()}.";
        run.Completed = now;
        run.Conditions = SetStatus(run.Conditions, state, message, now);
        await store.SaveRunAsync(run, ct);
        await SavePlanStatusAsync(work.Context.Plan, state, message, now, ct);
        return state;
    }

    private async Task SavePlanStatusAsync(Plan plan, string type, string message, DateTimeOffset now, CancellationToken ct)
    {
        plan.Conditions = SetStatus(plan.Conditions, type, message, now);
        await store.UpdatePlanAsync(plan.Id, stored => stored.Conditions = SetStatus(stored.Conditions, type, message, now), ct);
    }

    /// <summary>One of Executing/Succeeded/Failed/Canceled at a time; the others are removed.</summary>
    private static List<Condition> SetStatus(List<Condition> conditions, string type, string message, DateTimeOffset now)
    {
        var set = new ConditionSet(conditions);
        foreach (var t in new[] { ConditionTypes.Executing, ConditionTypes.Succeeded, ConditionTypes.Failed, ConditionTypes.Canceled })
        {
            if (t != type) set.Delete(t);
        }

        set.Set(new Condition
        {
            Type = type,
            Category = type == ConditionTypes.Failed ? ConditionCategory.Advisory : ConditionCategory.Advisory,
            Reason = type == ConditionTypes.Executing ? ConditionReasons.Started : ConditionReasons.Completed,
            Message = message,
            Durable = true,
        }, now);
        return [.. set.List];
    }

    private static VmStatus Preserve(VmStatus earlier, Guid runId) => new()
    {
        MigrationId = runId,
        VmId = earlier.VmId,
        Name = earlier.Name,
        Phase = earlier.Phase,
        Started = earlier.Started,
        Completed = earlier.Completed,
        RestorePowerState = earlier.RestorePowerState,
        Pipeline = earlier.Pipeline,
        Warm = earlier.Warm,
        Error = earlier.Error,
        Conditions = earlier.Conditions,
    };

    private static VmStatus Fresh(RunWork work, PlanVm planVm, VsphereVm? vm, Guid runId, DateTimeOffset now)
    {
        var warm = work.Context.Plan.Warm;
        var status = new VmStatus
        {
            MigrationId = runId,
            VmId = vm?.Id ?? planVm.Ref.Id ?? planVm.Ref.Name ?? "",
            Name = vm?.Name ?? planVm.Ref.Name ?? planVm.Ref.Id ?? "",
            Warm = warm ? new WarmStatus() : null,
        };
        if (vm is null)
        {
            status.Fail(Phases.Started, $"The VM {planVm.Ref} was not found in the source inventory.", now);
            return status;
        }

        var itinerary = work.ItineraryOf(vm.Id, vm.Name);
        status.Phase = itinerary.First;
        status.Pipeline = PipelineSteps.Build(itinerary, warm, vm.Disks);
        return status;
    }
}
