using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.Tests.Simulation;

public sealed class SourceTimingTests
{
    private readonly LabTestWorld _lab = new();

    [Fact]
    public async Task Guest_shutdown_powers_off_only_after_the_configured_delay()
    {
        var vm = _lab.HealthyRunningVm();

        await _lab.VCenter.ShutdownGuestAsync(vm.Id);
        _lab.Advance(_lab.Options.GuestShutdownSeconds - 1);
        Assert.Equal(PowerState.PoweredOn, await _lab.VCenter.GetPowerStateAsync(vm.Id));

        _lab.Advance(1);
        Assert.Equal(PowerState.PoweredOff, await _lab.VCenter.GetPowerStateAsync(vm.Id));
    }

    [Fact]
    public async Task Snapshot_task_runs_for_its_duration_then_yields_the_snapshot_id()
    {
        var vm = _lab.HealthyRunningVm();

        var taskId = await _lab.VCenter.CreateSnapshotAsync(vm.Id, "forklift-migration-precopy", "precopy");
        _lab.Advance(_lab.Options.SnapshotCreateSeconds - 0.5);
        Assert.Equal(SourceTaskState.Running, (await _lab.VCenter.GetTaskAsync(taskId)).State);

        _lab.Advance(0.5);
        var task = await _lab.VCenter.GetTaskAsync(taskId);
        Assert.Equal(SourceTaskState.Success, task.State);
        Assert.Matches("^snapshot-\\d+$", task.Result);
    }

    [Fact]
    public async Task Changed_bytes_grow_with_powered_on_time_times_dirty_rate()
    {
        var vm = _lab.HealthyRunningVm(v => v.Disks[0].CapacityBytes >= 20L << 30);
        var disk = vm.Disks[0];
        var bytesPerSecond = _lab.World.Inventory.DirtyRateMBps(vm.Id) * 1_000_000;

        var first = await SnapshotAsync(vm.Id);
        _lab.Advance(100 - _lab.Options.SnapshotCreateSeconds);
        var second = await SnapshotAsync(vm.Id);
        _lab.Advance(200 - _lab.Options.SnapshotCreateSeconds);
        var third = await SnapshotAsync(vm.Id);
        var since = (await _lab.VCenter.GetSnapshotChangeIdsAsync(vm.Id, first)).Single(c => c.DiskKey == disk.Key).ChangeId;

        var toSecond = await _lab.VCenter.QueryChangedDiskAreasAsync(vm.Id, second, disk.Key, since);
        var toThird = await _lab.VCenter.QueryChangedDiskAreasAsync(vm.Id, third, disk.Key, since);

        Assert.Equal(Math.Min(disk.CapacityBytes, (long)(bytesPerSecond * 100)), toSecond.ChangedBytes);
        Assert.Equal(Math.Min(disk.CapacityBytes, (long)(bytesPerSecond * 300)), toThird.ChangedBytes);
        Assert.True(toThird.ChangedBytes > toSecond.ChangedBytes);
    }

    [Fact]
    public async Task Powered_off_time_does_not_dirty_the_disk()
    {
        var vm = _lab.HealthyRunningVm();
        var disk = vm.Disks[0];
        var first = await SnapshotAsync(vm.Id);
        await _lab.VCenter.PowerOffAsync(vm.Id);
        _lab.Advance(3600);

        var second = await SnapshotAsync(vm.Id);
        var since = (await _lab.VCenter.GetSnapshotChangeIdsAsync(vm.Id, first))[0].ChangeId;

        var areas = await _lab.VCenter.QueryChangedDiskAreasAsync(vm.Id, second, disk.Key, since);
        Assert.Equal((long)(_lab.World.Inventory.DirtyRateMBps(vm.Id) * 1_000_000 * _lab.Options.SnapshotCreateSeconds), areas.ChangedBytes);
    }

    [Fact]
    public async Task Full_copy_reads_the_allocated_bytes()
    {
        var vm = _lab.HealthyRunningVm();
        var snapshot = await SnapshotAsync(vm.Id);

        var areas = await _lab.VCenter.QueryChangedDiskAreasAsync(vm.Id, snapshot, vm.Disks[0].Key, "*");

        Assert.Equal(_lab.World.Inventory.AllocatedBytes(vm.Id, vm.Disks[0].Key), areas.ChangedBytes);
        Assert.InRange(areas.ChangedBytes, vm.Disks[0].CapacityBytes * 0.39, vm.Disks[0].CapacityBytes * 0.9);
    }

    [Fact]
    public async Task A_change_id_of_another_disk_is_rejected()
    {
        var vm = _lab.HealthyRunningVm(v => v.Disks.Count >= 2);
        var snapshot = await SnapshotAsync(vm.Id);
        var ids = await _lab.VCenter.GetSnapshotChangeIdsAsync(vm.Id, snapshot);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _lab.VCenter.QueryChangedDiskAreasAsync(vm.Id, snapshot, ids[0].DiskKey, ids[1].ChangeId));
    }

    [Fact]
    public async Task Snapshots_of_a_fault_tolerant_vm_fail()
    {
        var vm = _lab.Vsphere.Vms.First(v => v.FaultToleranceEnabled);

        var task = await _lab.VCenter.GetTaskAsync(await _lab.VCenter.CreateSnapshotAsync(vm.Id, "s", "d"));

        Assert.Equal(SourceTaskState.Error, task.State);
        Assert.Contains("Fault Tolerance", task.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_cannot_be_powered_on()
    {
        var vm = _lab.Vsphere.Vms.First(v => v.IsTemplate);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _lab.VCenter.PowerOnAsync(vm.Id));
    }

    private async Task<string> SnapshotAsync(string vmId)
    {
        var taskId = await _lab.VCenter.CreateSnapshotAsync(vmId, "forklift-migration-precopy", "precopy");
        _lab.Advance(_lab.Options.SnapshotCreateSeconds);
        return (await _lab.VCenter.GetTaskAsync(taskId)).Result!;
    }
}
