using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.FakeKube;
using MtvConsole.Lab;
using MtvConsole.Lab.Tests.Contracts;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// The engine-port contract, run against the KubeVirt adapter talking HTTP to the fake API server, whose CDI importer
/// reads the disks of a Lab world's VMs (vCenter URL, thumbprint and account as the Lab has them).
/// </summary>
public sealed class KubeVirtTargetClusterContractTests : TargetClusterContract, IAsyncLifetime
{
    private FakeCluster _cluster = null!;
    private KubeVirtTargetCluster _adapter = null!;
    private LabWorld _world = null!;

    protected override ITargetCluster Cluster => _adapter;

    protected override TargetVm ExistingVm => new("prod-apps", "legacy-crm-restored", ["00:50:56:aa:00:01"], true);

    protected override string StorageClass => FakeClusterFixture.ImmediateClass;

    protected override string WaitForFirstConsumerStorageClass => FakeClusterFixture.WffcClass;

    protected override string VddkImage => FakeClusterFixture.VddkImage;

    protected override TargetDiskFixture Disk
    {
        get
        {
            var vm = _world.Inventory.Vsphere.Vms.First(v => v.Snapshot is null && v.Disks.Count > 0 && v.Disks[0].CapacityBytes > 0);
            var disk = vm.Disks[0];
            return new TargetDiskFixture(_world.VCenterUrl, _world.VCenterThumbprint, vm.Id, vm.Uuid, disk.Key, disk.File, disk.CapacityBytes);
        }
    }

    protected override Task LetTimePassAsync(TimeSpan duration)
    {
        _cluster.Advance(duration);
        return Task.CompletedTask;
    }

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        _world = new LabWorld(new LabOptions { VmCount = 20 }, _cluster.Time);
        _cluster.Cdi.Vddk.Endpoints = new LabVddkEndpoints(_world, new LabVCenter(_world));
        _adapter = FakeClusterFixture.Adapter(_cluster);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
