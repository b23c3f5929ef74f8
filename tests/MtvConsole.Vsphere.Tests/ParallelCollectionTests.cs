using System.Text.Json;
using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Collector;
using MtvConsole.Vsphere.Mapping;
using MtvConsole.Vsphere.Soap;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests;

/// <summary>
/// A full load split into several retrievals at once (VM batches on their own PropertyCollectors) gives exactly the
/// inventory of one retrieval through the container view.
/// </summary>
public sealed class ParallelCollectionTests(ScenarioSimulator fixture) : IClassFixture<ScenarioSimulator>
{
    internal static string Json(VsphereInventory i) =>
        JsonSerializer.Serialize(new object[] { i.Datacenters, i.Folders, i.Clusters, i.Hosts, i.Networks, i.Datastores, i.Vms });

    /// <summary>The inventory read the plain way: one retrieval of the view, each object parsed as an XML element first.</summary>
    private async Task<VsphereInventory> ReferenceInventoryAsync()
    {
        await using var client = new VimClient(fixture.Sim.Options());
        var collector = new PropertyCollector(client);
        var view = await collector.CreateContainerViewAsync(InventorySpec.PathsByType.Keys, default);
        var store = new ObjectStore();
        await collector.RetrieveAsync(PropertyCollector.ViewSpec(view, InventorySpec.PathsByType), 1_000_000, store.Put, default);
        return InventoryMapper.Map(store);
    }

    [Theory]
    [InlineData(1, 1000, 1_000_000)]
    [InlineData(2, 1000, 1000)]
    [InlineData(3, 9, 4)]
    public async Task Parallel_batched_collection_equals_one_retrieval_of_the_view(int parallelism, int vmBatchSize, int pageSize)
    {
        var expected = await ReferenceInventoryAsync();
        await using var provider = new VsphereSourceProvider(fixture.Sim.Options(), TimeProvider.System)
        {
            Parallelism = parallelism, VmBatchSize = vmBatchSize, PageSize = pageSize,
        };

        var actual = await provider.GetInventoryAsync();

        Assert.Equal(80, actual.Vms.Count);
        Assert.Contains(actual.Vms, v => v.Disks.Any(d => d.Rdm));
        Assert.Contains(actual.Vms, v => v.Devices.Any(d => d.Kind == DeviceKinds.PciPassthrough));
        Assert.Contains(actual.Vms, v => v.Nics.Count > 0 && v.Nics.All(n => n.NetworkId.Length > 0));
        Assert.Equal(Json(expected), Json(actual));
    }

    [Fact]
    public async Task The_first_update_answer_which_resends_every_object_leaves_the_same_inventory()
    {
        var expected = await ReferenceInventoryAsync();
        await using var provider = new VsphereSourceProvider(fixture.Sim.Options(), TimeProvider.System);
        await provider.GetInventoryAsync();

        await provider.WaitForChangesAsync(TimeSpan.Zero);
        var afterUpdates = await provider.GetInventoryAsync();

        Assert.Equal(80, afterUpdates.Vms.Count);
        Assert.Equal(Json(expected), Json(afterUpdates));
    }

    [Fact]
    public async Task A_listed_vm_that_no_longer_exists_is_left_out_of_a_batch_instead_of_failing_it()
    {
        await using var client = new VimClient(fixture.Sim.Options());
        var collector = new PropertyCollector(client);
        var view = await collector.CreateContainerViewAsync(["VirtualMachine"], default);
        var ids = await collector.ViewMembersAsync(view, "VirtualMachine", default);
        Assert.Equal(80, ids.Count);

        var names = new List<string>();
        await collector.RetrieveAsync(PropertyCollector.ObjectsSpec("VirtualMachine", [ids[0], "vm-does-not-exist", ids[1]], ["name"]), 100,
            o => names.Add(o.Properties.Single().Value!.Value), default);

        Assert.Equal(2, names.Count);
    }

    [Fact]
    public async Task A_batch_on_its_own_collector_pages_like_the_shared_one_and_the_collector_can_be_destroyed()
    {
        await using var client = new VimClient(fixture.Sim.Options());
        var collector = new PropertyCollector(client);
        var view = await collector.CreateContainerViewAsync(["VirtualMachine"], default);
        var ids = await collector.ViewMembersAsync(view, "VirtualMachine", default);
        var own = await collector.CreateCollectorAsync(default);
        Assert.NotEqual(client.Content.PropertyCollector, own);

        var seen = new List<string>();
        await collector.RetrieveAsync(PropertyCollector.ObjectsSpec("VirtualMachine", ids, ["name"]), 7, o => seen.Add(o.Id), default, own);
        await collector.DestroyCollectorAsync(own, default);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        var e = await Assert.ThrowsAsync<VimFaultException>(() =>
            collector.RetrieveAsync(PropertyCollector.ObjectsSpec("VirtualMachine", ids, ["name"]), 7, _ => { }, default, own));
        Assert.Equal("ManagedObjectNotFound", e.FaultName);
    }
}
