using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Engine;

public sealed class CancelTests
{
    [Fact]
    public async Task Cancel_during_precopy_removes_target_disks_and_snapshots_and_leaves_the_source_running()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("cancel-precopy", warm: true, [vm]);
        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Vm(plan, vm).Phase == Phases.CopyDisks);

        var result = await h.Commands.CancelAsync("cancel-precopy", [vm.Id], "ops");
        Assert.True(result.Succeeded);
        await h.RunToEndAsync(plan);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var status = h.Vm(plan, vm);
        Assert.True(status.HasCondition(ConditionTypes.Canceled));
        Assert.Equal(Phases.Completed, status.Phase);
        foreach (var disk in vm.Disks)
        {
            Assert.Null(await h.Cluster.GetDataVolumeAsync("vm-imports", MigrationNames.DataVolume(plan, vm.Id, disk.Key)));
        }

        Assert.Null((await h.VCenter.GetInventoryAsync()).FindVm(vm.Id)!.Snapshot);
        Assert.Equal(PowerState.PoweredOn, await h.VCenter.GetPowerStateAsync(vm.Id));
        Assert.Contains(h.Run(plan).Conditions, c => c.Type == ConditionTypes.Canceled);
        Assert.Contains(h.Audit.Entries, a => a.Action == "cancel");
    }

    [Fact]
    public async Task Cancel_during_cutover_powers_the_source_back_on()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("cancel-cutover", warm: true, [vm]);
        await h.StartAsync(plan, cutover: h.Time.GetUtcNow());
        await h.RunUntilAsync(() => h.Vm(plan, vm).Phase == Phases.Finalize);
        Assert.Equal(PowerState.PoweredOff, await h.VCenter.GetPowerStateAsync(vm.Id));

        await h.Commands.CancelAsync("cancel-cutover", null, "ops");
        await h.RunToEndAsync(plan);

        Assert.True(h.Vm(plan, vm).HasCondition(ConditionTypes.Canceled));
        Assert.Equal(PowerState.PoweredOn, await h.VCenter.GetPowerStateAsync(vm.Id));
        Assert.Null(await h.Cluster.GetVirtualMachineAsync("vm-imports", MigrationNames.TargetVm(vm.Name)));
    }

    [Theory]
    [InlineData(Phases.WaitForPowerOff)]
    [InlineData(Phases.CopyDisks)]
    [InlineData(Phases.ConvertGuest)]
    public async Task Cancel_after_power_off_powers_the_source_back_on_and_cleans_the_target(string phase)
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("cancel-cold", warm: false, [vm]);
        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Vm(plan, vm).Phase == phase);

        await h.Commands.CancelAsync("cancel-cold", [vm.Name], "ops");
        await h.RunToEndAsync(plan);

        Assert.True(h.Vm(plan, vm).HasCondition(ConditionTypes.Canceled));
        Assert.Equal(PowerState.PoweredOn, await h.VCenter.GetPowerStateAsync(vm.Id));
        Assert.Null(await h.Cluster.GetPodAsync("vm-imports", MigrationNames.ConversionPod(plan, vm.Id)));
        foreach (var disk in vm.Disks)
        {
            Assert.Null(await h.Cluster.GetDataVolumeAsync("vm-imports", MigrationNames.DataVolume(plan, vm.Id, disk.Key)));
        }
    }

    [Fact]
    public async Task Canceling_one_vm_leaves_the_others_running_and_the_run_succeeds()
    {
        var h = new EngineHarness();
        var vms = h.HealthyVms().Take(2).ToArray();
        var plan = h.AddPlan("cancel-one", warm: false, vms);
        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Vm(plan, vms[0]).Phase == Phases.CopyDisks);

        await h.Commands.CancelAsync("cancel-one", [vms[0].Id], "ops");
        await h.RunToEndAsync(plan);

        Assert.True(h.Vm(plan, vms[0]).HasCondition(ConditionTypes.Canceled));
        Assert.True(h.Vm(plan, vms[1]).Succeeded);
        Assert.Equal(ConditionTypes.Succeeded, MigrationRun.EndState(h.Run(plan).Vms));
        Assert.Contains(plan.Conditions, c => c.Type == ConditionTypes.Succeeded);
    }
}
