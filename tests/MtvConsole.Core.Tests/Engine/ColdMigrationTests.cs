using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Engine;

public sealed class ColdMigrationTests
{
    [Fact]
    public async Task Cold_plan_runs_every_phase_in_order_and_succeeds()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("cold", warm: false, [vm]);

        await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        var status = h.Vm(plan, vm);
        Assert.True(status.Succeeded);
        Assert.Equal(Phases.Completed, status.Phase);
        Assert.Equal(
            [Phases.Started, Phases.StorePowerState, Phases.PowerOffSource, Phases.WaitForPowerOff, Phases.CreateDataVolumes, Phases.CopyDisks,
             Phases.CreateGuestConversionPod, Phases.ConvertGuest, Phases.CreateVM, Phases.Completed],
            h.Events.OfType<VmPhaseChanged>().Where(e => e.VmId == vm.Id).Select(e => e.To).ToArray());
        Assert.Equal(RestorePowerState.On, status.RestorePowerState);
        Assert.Equal(PowerState.PoweredOff, await h.VCenter.GetPowerStateAsync(vm.Id));
        var target = await h.Cluster.GetVirtualMachineAsync("vm-imports", MigrationNames.TargetVm(vm.Name));
        Assert.NotNull(target);
        Assert.True(target.Running);
        Assert.Equal(ConditionTypes.Succeeded, MigrationRun.EndState(h.Run(plan).Vms));
        Assert.Contains(h.Run(plan).Conditions, c => c.Type == ConditionTypes.Succeeded);
        Assert.Contains(plan.Conditions, c => c.Type == ConditionTypes.Succeeded);
        Assert.DoesNotContain(plan.Conditions, c => c.Type == ConditionTypes.Executing);
        Assert.Contains(h.Audit.Entries, a => a.Action == "start" && a.Target == "plan/cold");
    }

    [Fact]
    public async Task Disk_tasks_are_named_by_backing_file_with_totals_in_MiB_and_roll_up()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms(v => v.Disks.Count >= 2).First();
        var plan = h.AddPlan("disks", warm: false, [vm]);

        await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        var step = h.Vm(plan, vm).Pipeline.Single(s => s.Name == PipelineSteps.DiskTransfer);
        Assert.Equal(vm.Disks.Select(d => d.File), step.Tasks.Select(t => t.Name));
        Assert.Equal(vm.Disks.Select(d => (d.CapacityBytes + (1L << 20) - 1) >> 20), step.Tasks.Select(t => t.Progress.Total));
        Assert.All(step.Tasks, t => Assert.Equal(t.Progress.Total, t.Progress.Completed));
        Assert.Equal(step.Tasks.Sum(t => t.Progress.Total), step.Progress.Total);
        Assert.Equal(StepPhase.Completed, step.Phase);
        Assert.Equal(
            [PipelineSteps.Initialize, PipelineSteps.DiskTransfer, PipelineSteps.ImageConversion, PipelineSteps.VirtualMachineCreation],
            h.Vm(plan, vm).Pipeline.Select(s => s.Name).ToArray());
        Assert.All(h.Vm(plan, vm).Pipeline, s => Assert.Equal(StepPhase.Completed, s.Phase));
    }

    [Fact]
    public async Task A_vm_with_snapshots_is_copied_from_the_top_of_its_snapshot_chain_not_its_base_disk()
    {
        var h = new EngineHarness();
        var (target, recorder) = RecordingTarget.Wrap(h.Cluster);
        h.TargetAdapter = target;
        var vm = h.Vsphere.Vms.First(v => v.Snapshot is not null);
        Assert.All(vm.Disks, d => Assert.Matches(@"-\d{6}\.vmdk$", d.File));
        var plan = h.AddPlan("snapshots", warm: false, [vm]);

        await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        Assert.True(h.Vm(plan, vm).Succeeded, h.Vm(plan, vm).Error?.Reasons.FirstOrDefault());
        Assert.Equal(vm.Disks.Select(d => d.File), recorder.DataVolumes.Select(d => d.BackingFile));
    }

    [Fact]
    public async Task A_source_that_was_off_stays_off_on_the_target()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        await h.VCenter.PowerOffAsync(vm.Id);
        var plan = h.AddPlan("off", warm: false, [vm]);

        await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        Assert.True(h.Vm(plan, vm).Succeeded);
        Assert.Equal(RestorePowerState.Off, h.Vm(plan, vm).RestorePowerState);
        Assert.False((await h.Cluster.GetVirtualMachineAsync("vm-imports", MigrationNames.TargetVm(vm.Name)))!.Running);
    }

    [Fact]
    public async Task A_wait_for_first_consumer_storage_class_still_copies()
    {
        var h = new EngineHarness(storageClass: "gp3-csi");
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("wffc", warm: false, [vm]);

        await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        Assert.True(h.Vm(plan, vm).Succeeded);
    }

    [Fact]
    public async Task Progress_events_carry_throughput_and_eta()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms(v => v.Disks.Sum(d => d.CapacityBytes) > 20L << 30).First();
        var plan = h.AddPlan("progress", warm: false, [vm]);

        await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        var moving = h.Events.OfType<VmProgressed>().Where(e => e.Estimate.BytesPerSecond > 0 && e.Estimate.Eta > TimeSpan.Zero).ToList();
        Assert.NotEmpty(moving);
        Assert.All(moving, e => Assert.True(e.TotalMiB > 0));
    }
}
