using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Collector;
using MtvConsole.Vsphere.Soap;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests;

/// <summary>A 1,000-VM simulator (two clusters of 500, plain http): the paged inventory matches it.</summary>
public sealed class LargeInventoryTests : IAsyncLifetime
{
    private Vcsim _sim = null!;

    public async Task InitializeAsync() => _sim = await Vcsim.StartAsync("-cluster", "2", "-vm", "500", "-pg", "2", "-ds", "2");

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task The_paged_inventory_matches_the_simulator()
    {
        await using var provider = new VsphereSourceProvider(_sim.Options(), TimeProvider.System) { PageSize = 250 };

        var inventory = await provider.GetInventoryAsync();

        Assert.Equal(1000, _sim.VmCount);
        Assert.Equal(1000, inventory.Vms.Count);
        Assert.Equal(1000, inventory.Vms.Select(v => v.Id).Distinct().Count());
        Assert.Equal(2, inventory.Clusters.Count);
        Assert.Equal(6, inventory.Hosts.Count);
        Assert.Equal(2, inventory.Datastores.Count);
        Assert.Equal(500, inventory.Vms.Count(v => v.Name.StartsWith("DC0_C1_", StringComparison.Ordinal)));
        var sample = inventory.Vms.Single(v => v.Name == "DC0_C1_RP0_VM321");
        Assert.Equal($"/DC0/vm/{sample.Name}", sample.Path);
        Assert.Equal(PowerState.PoweredOn, sample.PowerState);
        Assert.Equal(inventory.Clusters.Single(c => c.Name == "DC0_C1").Id, inventory.FindHost(sample.HostId)!.ClusterId);
        var disk = Assert.Single(sample.Disks);
        Assert.EndsWith($"{sample.Name}/disk1.vmdk", disk.File, StringComparison.Ordinal);
        Assert.Single(sample.Nics);
        Assert.Equal("otherGuest", sample.GuestId);
        Assert.False(sample.ChangeTrackingEnabled);
    }

    [Fact]
    public async Task A_first_page_of_maxObjects_comes_with_a_token_and_the_loop_reads_every_page()
    {
        await using var client = new VimClient(_sim.Options());
        var collector = new PropertyCollector(client);
        var view = await collector.CreateContainerViewAsync(["VirtualMachine"], default);
        var spec = PropertyCollector.ViewSpec(view, new Dictionary<string, string[]> { ["VirtualMachine"] = ["name"] });

        var first = await client.InvokeAsync("RetrievePropertiesEx", "PropertyCollector", client.Content.PropertyCollector,
            [Vim.El("specSet", spec), Vim.El("options", Vim.El("maxObjects", 100))]);
        var returnval = first.Elements().Single();
        Assert.Equal(100, returnval.Elements(Vim.Ns + "objects").Count());
        Assert.False(string.IsNullOrEmpty(returnval.Element(Vim.Ns + "token")?.Value));

        var names = new List<string>();
        await collector.RetrieveAsync(spec, 100, o => names.Add(o.Properties.Single().Value!.Value), default);
        Assert.Equal(1000, names.Distinct().Count());
    }
}
