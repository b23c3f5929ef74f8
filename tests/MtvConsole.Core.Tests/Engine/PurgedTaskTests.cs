using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// The engine is down for longer than vCenter keeps finished tasks (the Lab purges them after 10 minutes, as vCenter
/// does) while a VM waits for a snapshot task; the engine that comes back finds the task gone, reads the outcome from
/// the VM's snapshot tree, and the migration completes without a failed precopy.
/// </summary>
public sealed class PurgedTaskTests
{
    public static TheoryData<string> WaitPhases() =>
        new(Phases.WaitForInitialSnapshot, Phases.WaitForSnapshot, Phases.WaitForPreviousSnapshotRemoval, Phases.WaitForFinalSnapshot, Phases.RemoveFinalSnapshot);

    [Theory]
    [MemberData(nameof(WaitPhases))]
    public async Task A_warm_vm_whose_snapshot_task_was_purged_while_the_engine_was_down_completes(string phase)
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("purged", warm: true, [vm]);
        await h.StartAsync(plan, precopyMinutes: 10);
        async Task CutOverAfterTwoPrecopies()
        {
            if (h.Run(plan).Cutover is null && h.Vm(plan, vm).Warm!.Successes >= 2)
                await h.Commands.SetCutoverAsync("purged", h.Time.GetUtcNow(), null, "ops");
        }

        await h.RunUntilAsync(() => h.Vm(plan, vm).Phase == phase && TaskOf(h.Vm(plan, vm), phase) is not null, seconds: 1, betweenTicks: CutOverAfterTwoPrecopies);
        var taskId = TaskOf(h.Vm(plan, vm), phase)!;
        h.Time.Advance(TimeSpan.FromMinutes(15));
        h.RestartEngine();
        Assert.Equal(SourceTaskState.NotFound, (await h.VCenter.GetTaskAsync(taskId)).State);

        await h.RunToEndAsync(plan, seconds: 5, betweenTicks: CutOverAfterTwoPrecopies);

        var status = h.Vm(plan, vm);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.Equal(0, status.Warm!.Failures);
        Assert.Equal(status.Warm.Precopies.Count, status.Warm.Precopies.Select(p => p.Snapshot).Distinct().Count());
        Assert.Empty(await h.VCenter.GetSnapshotsAsync(vm.Id));
    }

    private static string? TaskOf(VmStatus vm, string phase)
    {
        var precopies = vm.Warm!.Precopies;
        return phase switch
        {
            Phases.WaitForPreviousSnapshotRemoval => precopies.LastOrDefault(p => p.End is not null && p.Error is null && !p.Final && p.Snapshot is not null)?.RemoveTaskId,
            Phases.RemoveFinalSnapshot => precopies.LastOrDefault()?.RemoveTaskId,
            _ => precopies.LastOrDefault()?.CreateTaskId,
        };
    }
}
