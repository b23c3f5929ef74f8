using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.Tests.Contracts;

public sealed class LabTargetClusterContractTests : TargetClusterContract
{
    private readonly LabTestWorld _lab = new();

    protected override ITargetCluster Cluster => _lab.Cluster;

    protected override TargetVm ExistingVm => _lab.World.Inventory.Target.Vms.First(v => v.Namespace == "prod-apps" && v.Name == "legacy-crm-restored");

    protected override string StorageClass => "ocs-storagecluster-ceph-rbd";

    protected override string WaitForFirstConsumerStorageClass => "gp3-csi";

    protected override TargetDiskFixture Disk
    {
        get
        {
            var vm = _lab.HealthyRunningVm();
            var disk = vm.Disks[0];
            return new TargetDiskFixture(_lab.World.VCenterUrl, _lab.World.VCenterThumbprint, vm.Id, vm.Uuid, disk.Key, disk.File, disk.CapacityBytes);
        }
    }

    protected override Task LetTimePassAsync(TimeSpan duration)
    {
        _lab.Time.Advance(duration);
        return Task.CompletedTask;
    }
}
