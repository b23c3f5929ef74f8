using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.Tests.Simulation;

public sealed class DataVolumeTests
{
    private const string Ns = "vm-imports";
    private const string Rbd = "ocs-storagecluster-ceph-rbd";
    private readonly LabTestWorld _lab = new();

    private double StartDelay => _lab.Options.DataVolumePendingSeconds + _lab.Options.DataVolumeScheduledSeconds;

    [Fact]
    public async Task Cold_import_goes_through_pending_scheduled_in_progress_and_succeeds()
    {
        var vm = _lab.HealthyRunningVm();
        var allocated = _lab.World.Inventory.AllocatedBytes(vm.Id, vm.Disks[0].Key);
        await _lab.Cluster.CreateDataVolumeAsync(Spec(vm, "cold", _lab.World.VCenterUrl));

        Assert.Equal(DataVolumePhase.Pending, await PhaseAsync("cold"));
        _lab.Advance(_lab.Options.DataVolumePendingSeconds);
        Assert.Equal(DataVolumePhase.ImportScheduled, await PhaseAsync("cold"));
        _lab.Advance(_lab.Options.DataVolumeScheduledSeconds);
        var copySeconds = allocated / (_lab.Options.ManagementNetworkMBps * 1_000_000);
        _lab.Advance(copySeconds / 2);
        var half = (await _lab.Cluster.GetDataVolumeAsync(Ns, "cold"))!;
        Assert.Equal(DataVolumePhase.ImportInProgress, half.Phase);
        Assert.InRange(half.ProgressPercent, 49, 51);

        _lab.Advance(copySeconds / 2 + 0.01);
        var done = (await _lab.Cluster.GetDataVolumeAsync(Ns, "cold"))!;
        Assert.Equal(DataVolumePhase.Succeeded, done.Phase);
        Assert.Equal(allocated, done.BytesTransferred);
    }

    [Fact]
    public async Task Host_migration_network_with_a_transfer_network_is_faster_than_the_vcenter_path()
    {
        var vm = _lab.HealthyRunningVm();
        var allocated = _lab.World.Inventory.AllocatedBytes(vm.Id, vm.Disks[0].Key);
        var host = _lab.HostOf(vm);
        await _lab.Cluster.CreateDataVolumeAsync(Spec(vm, "slow", _lab.World.VCenterUrl) with { Thumbprint = _lab.World.VCenterThumbprint });
        await _lab.Cluster.CreateDataVolumeAsync(
            Spec(vm, "fast", _lab.MigrationUrlOf(vm)) with { TransferNetwork = "default/migration-net", Thumbprint = host.Thumbprint });

        // Fast: min(host migration 1100, NAD 1100, ceph-rbd 800) = 800 MB/s; slow: min(management 110, pod 350, 800) = 110 MB/s.
        _lab.Advance(StartDelay + allocated / 800e6 + 0.01);
        Assert.Equal(DataVolumePhase.Succeeded, await PhaseAsync("fast"));
        Assert.Equal(DataVolumePhase.ImportInProgress, await PhaseAsync("slow"));

        _lab.Advance(allocated / 110e6 - allocated / 800e6);
        Assert.Equal(DataVolumePhase.Succeeded, await PhaseAsync("slow"));
    }

    [Fact]
    public async Task Storage_class_throughput_caps_the_rate()
    {
        var vm = _lab.HealthyRunningVm();
        var allocated = _lab.World.Inventory.AllocatedBytes(vm.Id, vm.Disks[0].Key);
        await _lab.Cluster.CreateDataVolumeAsync(
            Spec(vm, "capped", _lab.MigrationUrlOf(vm)) with { TransferNetwork = "default/migration-net", StorageClass = "ocs-storagecluster-cephfs" });

        _lab.Advance(StartDelay + allocated / 500e6 - 1);
        Assert.Equal(DataVolumePhase.ImportInProgress, await PhaseAsync("capped"));
        _lab.Advance(1.01);
        Assert.Equal(DataVolumePhase.Succeeded, await PhaseAsync("capped"));
    }

    [Fact]
    public async Task Missing_transfer_network_fails_the_data_volume_with_a_clear_message()
    {
        var vm = _lab.HealthyRunningVm();
        await _lab.Cluster.CreateDataVolumeAsync(Spec(vm, "no-nad", _lab.World.VCenterUrl) with { TransferNetwork = "vm-imports/db-vlan-120" });

        var status = (await _lab.Cluster.GetDataVolumeAsync(Ns, "no-nad"))!;

        Assert.Equal(DataVolumePhase.Failed, status.Phase);
        Assert.Contains("vm-imports/db-vlan-120", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_thumbprint_fails_the_data_volume()
    {
        var vm = _lab.HealthyRunningVm();
        await _lab.Cluster.CreateDataVolumeAsync(Spec(vm, "bad-cert", _lab.MigrationUrlOf(vm)) with { Thumbprint = "00:11" });

        var status = (await _lab.Cluster.GetDataVolumeAsync(Ns, "bad-cert"))!;

        Assert.Equal(DataVolumePhase.Failed, status.Phase);
        Assert.Contains("thumbprint", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_for_first_consumer_volume_stays_pending_until_its_vm_starts()
    {
        var vm = _lab.HealthyRunningVm();
        await _lab.Cluster.CreateDataVolumeAsync(Spec(vm, "wffc", _lab.World.VCenterUrl) with { StorageClass = "gp3-csi" });
        await _lab.Cluster.CreateVirtualMachineAsync(new TargetVmSpec { Namespace = Ns, Name = "wffc-vm", DataVolumes = ["wffc"] });

        _lab.Advance(600);
        Assert.Equal(DataVolumePhase.Pending, await PhaseAsync("wffc"));

        await _lab.Cluster.StartVirtualMachineAsync(Ns, "wffc-vm");
        _lab.Advance(StartDelay);
        Assert.Equal(DataVolumePhase.ImportInProgress, await PhaseAsync("wffc"));

        await _lab.Cluster.DeleteVirtualMachineAsync(Ns, "wffc-vm");
        Assert.Null(await _lab.Cluster.GetDataVolumeAsync(Ns, "wffc"));
    }

    [Fact]
    public async Task Warm_import_pauses_after_each_copy_and_succeeds_after_the_final_checkpoint()
    {
        var vm = _lab.HealthyRunningVm();
        var disk = vm.Disks[0];
        var allocated = _lab.World.Inventory.AllocatedBytes(vm.Id, disk.Key);
        var first = await SnapshotAsync(vm.Id);
        var url = _lab.MigrationUrlOf(vm);
        await _lab.Cluster.CreateDataVolumeAsync(
            Spec(vm, "warm", url) with { TransferNetwork = "default/migration-net", Checkpoints = [new DataVolumeCheckpoint("", first)] });

        _lab.Advance(StartDelay + allocated / 800e6 + 0.01);
        var paused = (await _lab.Cluster.GetDataVolumeAsync(Ns, "warm"))!;
        Assert.Equal(DataVolumePhase.Paused, paused.Phase);
        Assert.Equal(allocated, paused.BytesTransferred);
        Assert.Equal([first], paused.CopiedCheckpoints);

        _lab.Advance(3600);
        Assert.Equal(DataVolumePhase.Paused, await PhaseAsync("warm"));
        var second = await SnapshotAsync(vm.Id);
        var firstChangeId = (await _lab.VCenter.GetSnapshotChangeIdsAsync(vm.Id, first))[0].ChangeId;
        var delta = (await _lab.VCenter.QueryChangedDiskAreasAsync(vm.Id, second, disk.Key, firstChangeId)).ChangedBytes;
        await _lab.Cluster.AddCheckpointAsync(Ns, "warm", new DataVolumeCheckpoint(firstChangeId, second), final: false);
        await _lab.Cluster.AddCheckpointAsync(Ns, "warm", new DataVolumeCheckpoint(firstChangeId, second), final: false);

        // Like CDI, the Lab still reports the stale Paused until it has picked the checkpoint up, and lists it as
        // copied only once its delta is copied.
        var stale = (await _lab.Cluster.GetDataVolumeAsync(Ns, "warm"))!;
        Assert.Equal(DataVolumePhase.Paused, stale.Phase);
        Assert.Equal([first], stale.CopiedCheckpoints);
        Assert.Equal(allocated, stale.BytesTransferred);
        _lab.Advance(_lab.Options.CheckpointPickupSeconds);
        Assert.Equal(DataVolumePhase.ImportInProgress, await PhaseAsync("warm"));
        _lab.Advance(delta / 800e6 + 0.01);
        var pausedAgain = (await _lab.Cluster.GetDataVolumeAsync(Ns, "warm"))!;
        Assert.Equal(DataVolumePhase.Paused, pausedAgain.Phase);
        Assert.Equal(allocated + delta, pausedAgain.BytesTransferred);
        Assert.Equal(2, pausedAgain.Checkpoints.Count);
        Assert.Equal([first, second], pausedAgain.CopiedCheckpoints);

        await _lab.VCenter.PowerOffAsync(vm.Id);
        var final = await SnapshotAsync(vm.Id);
        var secondChangeId = (await _lab.VCenter.GetSnapshotChangeIdsAsync(vm.Id, second))[0].ChangeId;
        await _lab.Cluster.AddCheckpointAsync(Ns, "warm", new DataVolumeCheckpoint(secondChangeId, final), final: true);
        _lab.Advance(60 + _lab.Options.CheckpointPickupSeconds);
        var succeeded = (await _lab.Cluster.GetDataVolumeAsync(Ns, "warm"))!;
        Assert.Equal(DataVolumePhase.Succeeded, succeeded.Phase);
        Assert.True(succeeded.FinalCheckpoint);
    }

    [Fact]
    public async Task Checkpoint_on_a_cbt_disabled_vm_fails_the_data_volume()
    {
        var vm = _lab.Vsphere.Vms.First(v => !v.ChangeTrackingEnabled && v.PowerState == PowerState.PoweredOn);
        var snapshot = await SnapshotAsync(vm.Id);
        await _lab.Cluster.CreateDataVolumeAsync(Spec(vm, "no-cbt", _lab.World.VCenterUrl) with { Checkpoints = [new DataVolumeCheckpoint("", snapshot)] });

        var status = (await _lab.Cluster.GetDataVolumeAsync(Ns, "no-cbt"))!;

        Assert.Equal(DataVolumePhase.Failed, status.Phase);
        Assert.Contains("Changed Block Tracking", status.Message, StringComparison.Ordinal);
    }

    /// <summary>A DataVolume for the VM's first disk read from <paramref name="url"/>, with the thumbprint of whoever answers there.</summary>
    private DataVolumeSpec Spec(VsphereVm vm, string name, string url) => new()
    {
        Namespace = Ns,
        Name = name,
        SourceUrl = url,
        Thumbprint = url == _lab.World.VCenterUrl ? _lab.World.VCenterThumbprint : _lab.World.Inventory.Vsphere.FindHost(vm.HostId)!.Thumbprint,
        VmId = vm.Id,
        VmUuid = vm.Uuid,
        DiskKey = vm.Disks[0].Key,
        BackingFile = vm.Disks[0].File,
        StorageClass = Rbd,
        SizeBytes = vm.Disks[0].CapacityBytes,
    };

    private async Task<DataVolumePhase> PhaseAsync(string name) => (await _lab.Cluster.GetDataVolumeAsync(Ns, name))!.Phase;

    private async Task<string> SnapshotAsync(string vmId)
    {
        var taskId = await _lab.VCenter.CreateSnapshotAsync(vmId, "forklift-migration-precopy", "precopy");
        _lab.Advance(_lab.Options.SnapshotCreateSeconds);
        return (await _lab.VCenter.GetTaskAsync(taskId)).Result!;
    }
}
