using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Engine;

public sealed class WarmMigrationTests
{
    [Fact]
    public async Task Six_precopies_then_cutover_use_the_previous_change_ids_and_succeed()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms(v => v.Disks.Count >= 2).First();
        var plan = h.AddPlan("warm", warm: true, [vm]);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Vm(plan, vm).Warm!.Successes == 6 && h.Vm(plan, vm).Phase == Phases.CopyingPaused, seconds: 30);
        var cutover = await h.Commands.SetCutoverAsync("warm", h.Time.GetUtcNow(), null, "ops");
        Assert.True(cutover.Succeeded);
        await h.RunToEndAsync(plan, seconds: 10);

        var status = h.Vm(plan, vm);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        var precopies = status.Warm!.Precopies;
        Assert.Equal(7, precopies.Count);
        Assert.True(precopies[^1].Final);
        Assert.All(precopies, p =>
        {
            Assert.NotNull(p.End);
            Assert.StartsWith("snapshot-", p.Snapshot);
            Assert.NotNull(p.CreateTaskId);
            Assert.NotNull(p.RemoveTaskId);
        });
        Assert.All(precopies.Take(6), p => Assert.Equal(vm.Disks.Select(d => d.File), p.Deltas.Select(d => d.Disk)));
        Assert.All(precopies.Skip(1).Take(5), p => Assert.True(p.Start >= precopies[0].End!.Value.AddMinutes(59)));

        foreach (var disk in vm.Disks)
        {
            var dv = await h.Cluster.GetDataVolumeAsync("vm-imports", MigrationNames.DataVolume(plan, vm.Id, disk.Key));
            Assert.NotNull(dv);
            Assert.True(dv.FinalCheckpoint);
            Assert.Equal(7, dv.Checkpoints.Count);
            Assert.Equal("", dv.Checkpoints[0].Previous);
            for (var i = 1; i < dv.Checkpoints.Count; i++)
            {
                // The change id recorded in the previous precopy for this very disk, never a snapshot that may be gone.
                Assert.Equal(precopies[i - 1].Deltas.Single(d => d.Disk == disk.File).DeltaId, dv.Checkpoints[i].Previous);
                Assert.Equal(precopies[i].Snapshot, dv.Checkpoints[i].Current);
            }
        }

        Assert.Null((await h.VCenter.GetInventoryAsync()).FindVm(vm.Id)!.Snapshot);
        Assert.Equal(6, h.Events.OfType<PrecopyCompleted>().Count(e => e.VmId == vm.Id));
        Assert.True((await h.Cluster.GetVirtualMachineAsync("vm-imports", MigrationNames.TargetVm(vm.Name)))!.Running);
    }

    [Fact]
    public async Task Warm_phases_follow_the_itinerary_and_steps_include_cutover()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("warm-order", warm: true, [vm]);

        await h.StartAsync(plan, precopyMinutes: 5);
        await h.RunUntilAsync(() => h.Vm(plan, vm).Warm!.Successes == 2 && h.Vm(plan, vm).Phase == Phases.CopyingPaused, seconds: 10);
        await h.Commands.SetCutoverAsync("warm-order", h.Time.GetUtcNow(), vm.Id, "ops");
        await h.RunToEndAsync(plan, seconds: 10);

        var phases = h.Events.OfType<VmPhaseChanged>().Where(e => e.VmId == vm.Id).Select(e => e.To).ToArray();
        Assert.Equal(
            [Phases.Started, Phases.CreateInitialSnapshot, Phases.WaitForInitialSnapshot, Phases.StoreInitialSnapshotDeltas, Phases.CreateDataVolumes,
             Phases.CopyDisks, Phases.CopyingPaused, Phases.RemovePreviousSnapshot, Phases.WaitForPreviousSnapshotRemoval, Phases.CreateSnapshot,
             Phases.WaitForSnapshot, Phases.StoreSnapshotDeltas, Phases.AddCheckpoint, Phases.CopyDisks, Phases.CopyingPaused,
             Phases.StorePowerState, Phases.PowerOffSource, Phases.WaitForPowerOff, Phases.RemovePenultimateSnapshot,
             Phases.WaitForPenultimateSnapshotRemoval, Phases.CreateFinalSnapshot, Phases.WaitForFinalSnapshot, Phases.AddFinalCheckpoint,
             Phases.Finalize, Phases.RemoveFinalSnapshot, Phases.CreateGuestConversionPod, Phases.ConvertGuest, Phases.CreateVM, Phases.Completed],
            phases);
        Assert.Equal(
            [PipelineSteps.Initialize, PipelineSteps.DiskTransfer, PipelineSteps.Cutover, PipelineSteps.ImageConversion, PipelineSteps.VirtualMachineCreation],
            h.Vm(plan, vm).Pipeline.Select(s => s.Name).ToArray());
        Assert.Equal("2", h.Vm(plan, vm).Pipeline.Single(s => s.Name == PipelineSteps.DiskTransfer).Tasks[0].Annotations[PipelineSteps.PrecopyAnnotation]);
        Assert.Contains(h.Events.OfType<VmProgressed>(), e => e.VmId == vm.Id && e.Estimate.PredictedCutoverDowntime is not null);
    }

    [Fact]
    public async Task Precopy_interval_comes_from_the_settings_when_the_run_has_none()
    {
        var h = new EngineHarness();
        await h.Store.SaveSettingsAsync(new EngineSettings { PrecopyIntervalMinutes = 7 });
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("interval", warm: true, [vm]);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Vm(plan, vm).Warm!.Successes == 1 && h.Vm(plan, vm).Phase == Phases.CopyingPaused, seconds: 10);

        var warm = h.Vm(plan, vm).Warm!;
        Assert.Equal(warm.Precopies[0].End!.Value.AddMinutes(7), warm.NextPrecopyAt);
    }
}
