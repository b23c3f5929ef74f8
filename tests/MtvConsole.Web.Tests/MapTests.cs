using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Mapping;
using MtvConsole.Web.Providers;
using Microsoft.EntityFrameworkCore;
using MtvConsole.Data;
using MtvConsole.Lab;

namespace MtvConsole.Web.Tests;

public sealed class MapTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();
    private MapStore _maps = null!;
    private Provider _source = null!;
    private Provider _destination = null!;
    private TargetInventory _target = null!;
    private VsphereInventory _inventory = null!;

    public async Task InitializeAsync()
    {
        _maps = _factory.Services.GetRequiredService<MapStore>();
        await _factory.Services.GetRequiredService<ProviderStatusService>().RefreshAllAsync();
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        _source = await db.Providers.SingleAsync(p => p.Name == "lab-vcenter");
        _destination = await db.Providers.SingleAsync(p => p.Name == "host");
        _target = await _factory.Services.GetRequiredService<LabCluster>().GetInventoryAsync();
        _inventory = await _factory.Services.GetRequiredService<LabVCenter>().GetInventoryAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static void Copy(NetworkMap from, NetworkMap to) => to.Entries = from.Entries;

    [Fact]
    public async Task A_map_to_a_missing_nad_is_not_ready_and_names_it_then_becomes_ready_when_pointed_at_an_existing_one()
    {
        var network = _inventory.Networks.First(n => n.Variant != NetworkVariant.DvSwitch);
        var map = new NetworkMap
        {
            Name = "prod-net", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id,
            Entries = [new NetworkMapEntry(Ref.ById(network.Id), NetworkDestinationType.Multus, "vm-imports", "does-not-exist")],
        };

        Assert.Null(await _maps.SaveAsync("otto", map, Copy));

        var saved = await _maps.FindAsync<NetworkMap>("prod-net");
        var condition = Assert.Single(saved!.Conditions, c => c.Type == ConditionTypes.DestinationNetworkNotValid);
        Assert.Equal(["vm-imports/does-not-exist"], condition.Items);
        Assert.False(saved.IsReady);

        var existing = _target.NetworkAttachmentDefinitions[0];
        saved.Entries = [new NetworkMapEntry(Ref.ById(network.Id), NetworkDestinationType.Multus, existing.Namespace, existing.Name)];
        Assert.Null(await _maps.SaveAsync("otto", saved, Copy));

        var ready = await _maps.FindAsync<NetworkMap>("prod-net");
        Assert.True(ready!.IsReady);
        Assert.Equal([network.Id], ready.References);
        Assert.Equal(2, ready.Generation);
    }

    [Fact]
    public async Task A_duplicate_or_invalid_name_is_refused_and_nothing_is_saved()
    {
        var entries = new List<NetworkMapEntry> { new(Ref.ById(_inventory.Networks[0].Id), NetworkDestinationType.Pod) };
        Assert.Null(await _maps.SaveAsync("otto", new NetworkMap { Name = "net", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id, Entries = entries }, Copy));

        Assert.Equal("A network map named 'net' already exists.",
            await _maps.SaveAsync("otto", new NetworkMap { Name = "net", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id, Entries = entries }, Copy));
        Assert.StartsWith("The name must consist of lowercase",
            await _maps.SaveAsync("otto", new NetworkMap { Name = "Prod_Net", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id, Entries = entries }, Copy));
        Assert.Null(await _maps.FindAsync<NetworkMap>("Prod_Net"));
    }

    [Fact]
    public async Task A_storage_map_to_an_unknown_class_names_it()
    {
        var map = new StorageMap
        {
            Name = "sto", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id,
            Entries = [new StorageMapEntry(Ref.ById(_inventory.Datastores[0].Id), "no-such-class")],
        };
        Assert.Null(await _maps.SaveAsync("otto", map, (from, to) => to.Entries = from.Entries));

        var saved = await _maps.FindAsync<StorageMap>("sto");
        Assert.Equal(["no-such-class"], saved!.Conditions.Single(c => c.Type == ConditionTypes.DestinationStorageNotValid).Items);
    }

    [Fact]
    public async Task Deleting_a_map_that_a_plan_uses_is_refused_naming_the_plan()
    {
        var map = new NetworkMap
        {
            Name = "net", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id,
            Entries = [new NetworkMapEntry(Ref.ById(_inventory.Networks[0].Id), NetworkDestinationType.Pod)],
        };
        Assert.Null(await _maps.SaveAsync("otto", map, Copy));
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync())
        {
            db.Plans.Add(new Plan { Name = "wave-1", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id, NetworkMapId = map.Id, TargetNamespace = "apps" });
            await db.SaveChangesAsync();
        }

        Assert.Equal("The network map 'net' is used by plan wave-1; change or delete those plans first.", await _maps.DeleteAsync<NetworkMap>("otto", map.Id));
        Assert.NotNull(await _maps.FindAsync<NetworkMap>("net"));
    }
}
