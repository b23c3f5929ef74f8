using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Lab.State;

namespace MtvConsole.Lab.Tests.Simulation;

public sealed class StateRoundTripTests
{
    [Fact]
    public async Task Exported_state_survives_json_and_restores_power_snapshots_and_data_volume_progress()
    {
        var lab = new LabTestWorld();
        var vm = lab.HealthyRunningVm();
        var other = lab.HealthyRunningVm(v => v.Id != vm.Id);
        var snapshotTask = await lab.VCenter.CreateSnapshotAsync(vm.Id, "forklift-migration-precopy", "precopy");
        lab.Advance(lab.Options.SnapshotCreateSeconds);
        var snapshotId = (await lab.VCenter.GetTaskAsync(snapshotTask)).Result!;
        await lab.VCenter.PowerOffAsync(other.Id);
        await lab.VCenter.ShutdownGuestAsync(vm.Id);
        await lab.Cluster.EnsureNamespaceAsync("restored");
        await lab.Cluster.CreateDataVolumeAsync(new DataVolumeSpec
        {
            Namespace = "restored", Name = "disk-0", SourceUrl = lab.World.VCenterUrl, VmId = vm.Id, VmUuid = vm.Uuid,
            DiskKey = vm.Disks[0].Key, BackingFile = vm.Disks[0].File, StorageClass = "ocs-storagecluster-ceph-rbd",
            SizeBytes = vm.Disks[0].CapacityBytes, Checkpoints = [new DataVolumeCheckpoint("", snapshotId)],
        });
        await lab.Cluster.CreateVirtualMachineAsync(new TargetVmSpec
        {
            Namespace = "restored", Name = "web", Nics = [new TargetVmNic("net-0", "pod", null, vm.Nics[0].Mac)], DataVolumes = ["disk-0"],
        });
        lab.Advance(lab.Options.GuestShutdownSeconds / 2); // the import moves on; the guest is still shutting down
        var dvBefore = await lab.Cluster.GetDataVolumeAsync("restored", "disk-0");

        var json = JsonSerializer.Serialize(lab.World.ExportState());
        var time = new FakeTimeProvider(lab.Time.GetUtcNow());
        var restored = new LabTestWorld(time: time);
        restored.World.ImportState(JsonSerializer.Deserialize<LabState>(json)!);

        Assert.Equal(PowerState.PoweredOff, await restored.VCenter.GetPowerStateAsync(other.Id));
        Assert.Equal(PowerState.PoweredOn, await restored.VCenter.GetPowerStateAsync(vm.Id));
        Assert.Equal(new SnapshotRef("VirtualMachineSnapshot", snapshotId), (await restored.VCenter.GetInventoryAsync()).FindVm(vm.Id)!.Snapshot);
        Assert.Equal(
            await lab.VCenter.GetSnapshotChangeIdsAsync(vm.Id, snapshotId),
            await restored.VCenter.GetSnapshotChangeIdsAsync(vm.Id, snapshotId));
        Assert.Equal(SourceTaskState.Success, (await restored.VCenter.GetTaskAsync(snapshotTask)).State);
        var dvAfter = await restored.Cluster.GetDataVolumeAsync("restored", "disk-0");
        Assert.Equivalent(dvBefore, dvAfter);
        Assert.True((await restored.Cluster.GetVirtualMachineAsync("restored", "web")) is not null);

        restored.Advance(restored.Options.GuestShutdownSeconds);
        Assert.Equal(PowerState.PoweredOff, await restored.VCenter.GetPowerStateAsync(vm.Id));
        var newTask = await restored.VCenter.CreateSnapshotAsync(vm.Id, "after-restore", "");
        Assert.NotEqual(snapshotTask, newTask);
    }

    [Fact]
    public async Task A_hook_job_running_at_export_goes_on_after_restore_instead_of_starting_over()
    {
        var lab = new LabTestWorld();
        var job = new HookJobSpec { Namespace = "restored", Name = "web-prehook", Image = "quay.io/konveyor/hook-runner", VmId = "vm-1", Playbook = "- hosts: localhost\n  tasks:\n  - debug: {msg: hi}\n" };
        await lab.World.Hooks.StartAsync(job);
        lab.Advance(LabHookRunner.AttemptSeconds / 2);
        Assert.Equal(HookJobPhase.Running, (await lab.World.Hooks.GetAsync("restored", "web-prehook"))!.Phase);

        var json = JsonSerializer.Serialize(lab.World.ExportState());
        var restored = new LabTestWorld(time: new FakeTimeProvider(lab.Time.GetUtcNow()));
        restored.World.ImportState(JsonSerializer.Deserialize<LabState>(json)!);

        Assert.Equal(HookJobPhase.Running, (await restored.World.Hooks.GetAsync("restored", "web-prehook"))!.Phase);
        restored.Advance(LabHookRunner.AttemptSeconds / 2); // the rest of the first attempt, not a whole new one
        Assert.Equal(HookJobPhase.Succeeded, (await restored.World.Hooks.GetAsync("restored", "web-prehook"))!.Phase);
    }

    [Fact]
    public void A_state_saved_before_hook_jobs_were_kept_restores_with_none()
    {
        var lab = new LabTestWorld();
        var json = JsonSerializer.Serialize(lab.World.ExportState() with { HookJobs = null });
        var restored = new LabTestWorld();
        restored.World.ImportState(JsonSerializer.Deserialize<LabState>(json)!);
        Assert.Empty(restored.World.ExportState().HookJobs!);
    }

    [Fact]
    public void State_of_another_seed_is_rejected()
    {
        var state = new LabTestWorld(seed: 1).World.ExportState();

        Assert.Throws<ArgumentException>(() => new LabTestWorld(seed: 2).World.ImportState(state));
    }
}
