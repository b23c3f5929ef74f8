using MtvConsole.FakeKube;
using MtvConsole.KubeVirt.Inventory;

namespace MtvConsole.KubeVirt.Tests;

public sealed class InventoryWatchTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;
    private readonly CancellationTokenSource _stop = new();

    public async Task InitializeAsync() => _cluster = await FakeClusterFixture.StartSeededAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _cluster.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Inventory_lists_namespaces_nads_storage_profiles_and_vm_macs()
    {
        var inventory = await FakeClusterFixture.Adapter(_cluster).GetInventoryAsync();

        Assert.Contains(inventory.Namespaces, n => n.Name == "openshift-mtv");
        Assert.Contains(inventory.NetworkAttachmentDefinitions, n => n.QualifiedName == "prod-apps/vlan-100");
        var ceph = Assert.Single(inventory.StorageClasses, s => s.Name == FakeClusterFixture.ImmediateClass);
        Assert.Equal(Core.Inventory.VolumeMode.Block, ceph.DefaultVolumeMode);
        Assert.Equal(Core.Inventory.AccessMode.ReadWriteMany, ceph.DefaultAccessMode);
        Assert.True(ceph.IsDefault);
        Assert.Equal("WaitForFirstConsumer", inventory.StorageClasses.Single(s => s.Name == FakeClusterFixture.WffcClass).VolumeBindingMode);
        var vm = Assert.Single(inventory.Vms, v => v.Name == "legacy-crm-restored");
        Assert.Equal(["00:50:56:aa:00:01"], vm.Macs);
    }

    [Fact]
    public async Task A_nad_created_after_the_sync_appears_in_the_watched_inventory()
    {
        var (cache, _, changes) = StartWatching();
        await WaitForAsync(changes, _ => cache.Synced);

        _cluster.AddNad("prod-apps", "vlan-200");

        await WaitForAsync(changes, c => c.Key == "prod-apps/vlan-200");
        Assert.Contains(cache.Snapshot().NetworkAttachmentDefinitions, n => n.QualifiedName == "prod-apps/vlan-200");
    }

    [Fact]
    public async Task Watch_survives_a_410_by_relisting()
    {
        var (cache, watcher, changes) = StartWatching();
        await WaitForAsync(changes, _ => cache.Synced);
        var listsBefore = watcher.ListCount;

        // The server forgets old versions and drops every watch: resuming from the old version gets 410 Gone.
        _cluster.AddNad("prod-apps", "made-while-disconnected");
        _cluster.Store.Compact();
        _cluster.Store.CloseWatches();

        await WaitForAsync(changes, _ => watcher.ListCount > listsBefore && cache.Snapshot().NetworkAttachmentDefinitions.Any(n => n.Name == "made-while-disconnected"));
        _cluster.AddNad("prod-apps", "made-after-relist");
        await WaitForAsync(changes, c => c.Key == "prod-apps/made-after-relist");
        Assert.Contains(cache.Snapshot().NetworkAttachmentDefinitions, n => n.Name == "made-after-relist");
    }

    [Fact]
    public async Task Deleted_vm_leaves_the_watched_inventory()
    {
        var (cache, _, changes) = StartWatching();
        await WaitForAsync(changes, _ => cache.Synced);

        _cluster.Store.Delete(ResourceTypes.VirtualMachine, "prod-apps", "legacy-crm-restored");

        await WaitForAsync(changes, c => c.Kind == "VirtualMachine" && c.Type == k8s.WatchEventType.Deleted);
        Assert.DoesNotContain(cache.Snapshot().Vms, v => v.Name == "legacy-crm-restored");
    }

    private (TargetInventoryCache Cache, TargetInventoryWatcher Watcher, System.Threading.Channels.Channel<InventoryChange> Changes) StartWatching()
    {
        var cache = new TargetInventoryCache();
        var changes = System.Threading.Channels.Channel.CreateUnbounded<InventoryChange>();
        cache.Changed += c => changes.Writer.TryWrite(c);
        var watcher = new TargetInventoryWatcher(_cluster.Client(), cache, TimeProvider.System, (kind, e) => changes.Writer.TryWrite(new InventoryChange(kind, k8s.WatchEventType.Error, e.Message)));
        _ = watcher.RunAsync(_stop.Token);
        return (cache, watcher, changes);
    }

    /// <summary>Awaits change signals (no sleeping) until <paramref name="done"/> holds, failing after 10 s.</summary>
    private static async Task WaitForAsync(System.Threading.Channels.Channel<InventoryChange> changes, Func<InventoryChange, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var change in changes.Reader.ReadAllAsync(timeout.Token))
        {
            if (done(change)) return;
        }
    }
}
