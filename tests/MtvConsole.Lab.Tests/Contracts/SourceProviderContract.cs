using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.Tests.Contracts;

/// <summary>
/// Behaviour every <see cref="ISourceProvider"/> (the Lab's and the real vSphere adapter) must show.
/// Subclasses provide the provider, VM fixtures and a way to let time pass.
/// </summary>
public abstract class SourceProviderContract
{
    protected abstract ISourceProvider Provider { get; }

    /// <summary>A running, connected VM with VMware Tools and CBT on all disks.</summary>
    protected abstract string RunningVmId { get; }

    /// <summary>A running VM whose CBT is disabled.</summary>
    protected abstract string CbtDisabledVmId { get; }

    /// <summary>A running VM without VMware Tools.</summary>
    protected abstract string VmWithoutToolsId { get; }

    protected abstract Task LetTimePassAsync(TimeSpan duration);

    protected virtual TimeSpan MaxWait => TimeSpan.FromMinutes(10);

    protected virtual TimeSpan PollStep => TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for vCenter to purge a finished task (a real vCenter keeps them about 10 minutes).</summary>
    protected virtual TimeSpan PurgeWait => TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Inventory_contains_the_fixture_vms()
    {
        var inventory = await Provider.GetInventoryAsync();

        Assert.NotNull(inventory.FindVm(RunningVmId));
        Assert.NotNull(inventory.FindVm(CbtDisabledVmId));
        Assert.NotEmpty(inventory.Hosts);
    }

    [Fact]
    public async Task Guest_shutdown_eventually_powers_the_vm_off_and_power_on_brings_it_back()
    {
        await Provider.ShutdownGuestAsync(RunningVmId);
        var state = await WaitAsync(() => Provider.GetPowerStateAsync(RunningVmId), s => s == PowerState.PoweredOff);
        Assert.Equal(PowerState.PoweredOff, state);

        await Provider.PowerOnAsync(RunningVmId);
        Assert.Equal(PowerState.PoweredOn, await Provider.GetPowerStateAsync(RunningVmId));
        var inventory = await Provider.GetInventoryAsync();
        Assert.Equal(PowerState.PoweredOn, inventory.FindVm(RunningVmId)!.PowerState);
    }

    [Fact]
    public async Task Guest_shutdown_without_vmware_tools_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Provider.ShutdownGuestAsync(VmWithoutToolsId));
        Assert.Contains("Tools", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hard_power_off_is_immediate_and_idempotent()
    {
        await Provider.PowerOffAsync(RunningVmId);
        await Provider.PowerOffAsync(RunningVmId);

        Assert.Equal(PowerState.PoweredOff, await Provider.GetPowerStateAsync(RunningVmId));
    }

    [Fact]
    public async Task Snapshot_task_succeeds_with_a_snapshot_that_becomes_current_and_has_change_ids()
    {
        var snapshotId = await CreateSnapshotAsync(RunningVmId);

        Assert.StartsWith("snapshot-", snapshotId, StringComparison.Ordinal);
        var inventory = await Provider.GetInventoryAsync();
        Assert.Equal(new SnapshotRef("VirtualMachineSnapshot", snapshotId), inventory.FindVm(RunningVmId)!.Snapshot);
        var changeIds = await Provider.GetSnapshotChangeIdsAsync(RunningVmId, snapshotId);
        Assert.Equal(inventory.FindVm(RunningVmId)!.Disks.Select(d => d.Key), changeIds.Select(c => c.DiskKey));
        Assert.All(changeIds, c => Assert.False(string.IsNullOrEmpty(c.ChangeId)));
    }

    [Fact]
    public async Task Change_ids_differ_between_snapshots_of_a_running_vm()
    {
        var first = await CreateSnapshotAsync(RunningVmId);
        await LetTimePassAsync(TimeSpan.FromSeconds(30));
        var second = await CreateSnapshotAsync(RunningVmId);

        var firstIds = await Provider.GetSnapshotChangeIdsAsync(RunningVmId, first);
        var secondIds = await Provider.GetSnapshotChangeIdsAsync(RunningVmId, second);
        Assert.All(firstIds.Zip(secondIds), pair => Assert.NotEqual(pair.First.ChangeId, pair.Second.ChangeId));
    }

    [Fact]
    public async Task Full_copy_query_returns_allocated_extents_within_the_disk()
    {
        var snapshotId = await CreateSnapshotAsync(RunningVmId);
        var disk = (await Provider.GetInventoryAsync()).FindVm(RunningVmId)!.Disks[0];

        var areas = await Provider.QueryChangedDiskAreasAsync(RunningVmId, snapshotId, disk.Key, "*");

        Assert.Equal(disk.CapacityBytes, areas.DiskCapacityBytes);
        Assert.InRange(areas.ChangedBytes, 1, disk.CapacityBytes);
        Assert.All(areas.Extents, e => Assert.True(e.Start >= 0 && e.Start + e.Length <= disk.CapacityBytes));
    }

    [Fact]
    public async Task Changed_areas_since_an_earlier_change_id_are_never_more_than_the_disk()
    {
        var first = await CreateSnapshotAsync(RunningVmId);
        await LetTimePassAsync(TimeSpan.FromSeconds(60));
        var second = await CreateSnapshotAsync(RunningVmId);
        var disk = (await Provider.GetSnapshotChangeIdsAsync(RunningVmId, first))[0];

        var areas = await Provider.QueryChangedDiskAreasAsync(RunningVmId, second, disk.DiskKey, disk.ChangeId);

        Assert.InRange(areas.ChangedBytes, 0, areas.DiskCapacityBytes);
    }

    [Fact]
    public async Task Changed_areas_fail_when_cbt_is_disabled()
    {
        var snapshotId = await CreateSnapshotAsync(CbtDisabledVmId);
        var disk = (await Provider.GetInventoryAsync()).FindVm(CbtDisabledVmId)!.Disks[0];

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Provider.QueryChangedDiskAreasAsync(CbtDisabledVmId, snapshotId, disk.Key, "*"));
        Assert.Contains("Changed Block Tracking", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removed_snapshot_is_gone_after_its_task_succeeds()
    {
        var snapshotId = await CreateSnapshotAsync(RunningVmId);

        var taskId = await Provider.RemoveSnapshotAsync(RunningVmId, snapshotId);
        var task = await WaitAsync(() => Provider.GetTaskAsync(taskId), t => t.State is SourceTaskState.Success or SourceTaskState.Error);

        Assert.Equal(SourceTaskState.Success, task.State);
        Assert.Null((await Provider.GetInventoryAsync()).FindVm(RunningVmId)!.Snapshot);
        Assert.DoesNotContain(await Provider.GetSnapshotsAsync(RunningVmId), s => s.Id == snapshotId);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Provider.GetSnapshotChangeIdsAsync(RunningVmId, snapshotId));
    }

    [Fact]
    public async Task A_finished_task_that_vcenter_purged_reads_as_not_found_and_its_snapshot_stays_in_the_tree()
    {
        var taskId = await Provider.CreateSnapshotAsync(RunningVmId, "forklift-migration-precopy", "Forklift Operator warm migration precopy");
        var finished = await WaitAsync(() => Provider.GetTaskAsync(taskId), t => t.State is SourceTaskState.Success or SourceTaskState.Error);
        Assert.Equal(SourceTaskState.Success, finished.State);

        var purged = await ContractWaits.UntilAsync(() => Provider.GetTaskAsync(taskId), t => t.State == SourceTaskState.NotFound, LetTimePassAsync, PurgeWait, PollStep);

        Assert.Equal(taskId, purged.Id);
        Assert.Contains(new SourceSnapshot(finished.Result!, "forklift-migration-precopy", "Forklift Operator warm migration precopy"),
            await Provider.GetSnapshotsAsync(RunningVmId));
    }

    [Fact]
    public async Task A_task_vcenter_never_had_reads_as_not_found()
    {
        Assert.Equal(SourceTaskState.NotFound, (await Provider.GetTaskAsync("task-987654")).State);
    }

    [Fact]
    public async Task A_snapshot_of_a_running_vm_without_vmware_tools_succeeds()
    {
        var snapshotId = await CreateSnapshotAsync(VmWithoutToolsId);

        Assert.Contains(await Provider.GetSnapshotsAsync(VmWithoutToolsId), s => s.Id == snapshotId);
    }

    [Fact]
    public async Task Unknown_vm_is_not_found()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Provider.GetPowerStateAsync("vm-does-not-exist"));
    }

    protected async Task<string> CreateSnapshotAsync(string vmId)
    {
        var taskId = await Provider.CreateSnapshotAsync(vmId, "forklift-migration-precopy", "Forklift Operator warm migration precopy");
        var task = await WaitAsync(() => Provider.GetTaskAsync(taskId), t => t.State is SourceTaskState.Success or SourceTaskState.Error);
        Assert.True(task.State == SourceTaskState.Success, task.Error);
        return task.Result!;
    }

    protected Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done) =>
        ContractWaits.UntilAsync(read, done, LetTimePassAsync, MaxWait, PollStep);
}
