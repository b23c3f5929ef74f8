using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.FakeKube;
using MtvConsole.Lab.Tests.Contracts;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>The engine-port contract, run against the KubeVirt adapter talking HTTP to the fake API server.</summary>
public sealed class KubeVirtTargetClusterContractTests : TargetClusterContract, IAsyncLifetime
{
    private FakeCluster _cluster = null!;
    private KubeVirtTargetCluster _adapter = null!;

    protected override ITargetCluster Cluster => _adapter;

    protected override TargetVm ExistingVm => new("prod-apps", "legacy-crm-restored", ["00:50:56:aa:00:01"], true);

    protected override string StorageClass => FakeClusterFixture.ImmediateClass;

    protected override string WaitForFirstConsumerStorageClass => FakeClusterFixture.WffcClass;

    protected override string VddkImage => FakeClusterFixture.VddkImage;

    protected override TargetDiskFixture Disk => new("https://vcenter.example.com/sdk", "AA:BB:CC", "vm-101", "4210f3c2-8a2e-4e6c-9d35-0c9f2a1b7e01", 2000,
        "[datastore1] web-01/web-01.vmdk", 2L << 30);

    protected override Task LetTimePassAsync(TimeSpan duration)
    {
        _cluster.Advance(duration);
        return Task.CompletedTask;
    }

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        _adapter = FakeClusterFixture.Adapter(_cluster);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
