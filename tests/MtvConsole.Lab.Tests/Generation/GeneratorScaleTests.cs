using MtvConsole.Lab.Generation;

namespace MtvConsole.Lab.Tests.Generation;

public sealed class GeneratorScaleTests
{
    [Fact]
    public void Fifty_thousand_vms_have_unique_ids_unique_macs_and_scaled_hosts()
    {
        var inventory = LabInventoryGenerator.Generate(new LabOptions { VmCount = 50_000 }).Vsphere;

        Assert.Equal(50_000, inventory.Vms.Count);
        Assert.Equal(inventory.Vms.Count, inventory.Vms.Select(v => v.Id).Distinct().Count());
        var macs = inventory.Vms.SelectMany(v => v.Nics).Select(n => n.Mac).ToList();
        Assert.Equal(macs.Count, macs.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(macs, m => Assert.Matches("^00:50:56:[0-3][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}$", m));
        Assert.Equal(2000, inventory.Hosts.Count);
        Assert.Equal(inventory.Hosts.Count, inventory.Hosts.Select(h => h.Id).Distinct().Count());
        Assert.Equal(inventory.Hosts.Count, inventory.Hosts.Select(h => h.NetworkAdapters[1].IpAddress).Distinct().Count());
        Assert.All(inventory.Vms, v => Assert.NotNull(inventory.FindHost(v.HostId)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(50_001)]
    public void Vm_count_out_of_range_is_rejected_with_a_clear_message(int vmCount)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LabInventoryGenerator.Generate(new LabOptions { VmCount = vmCount }));

        Assert.Contains("VmCount must be between 1 and 50000", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabWorld(new LabOptions { VmCount = vmCount }, TimeProvider.System));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(59)]
    public void Small_inventories_are_generated(int vmCount)
    {
        var inventory = LabInventoryGenerator.Generate(new LabOptions { VmCount = vmCount }).Vsphere;

        Assert.Equal(vmCount, inventory.Vms.Count);
        Assert.Equal(6, inventory.Hosts.Count);
    }
}
