using System.Text.Json;
using MtvConsole.Lab.Generation;

namespace MtvConsole.Lab.Tests.Generation;

public sealed class GeneratorDeterminismTests
{
    [Fact]
    public void Same_seed_and_count_give_an_identical_inventory()
    {
        var first = Canonical(LabInventoryGenerator.Generate(new LabOptions { Seed = 7, VmCount = 120 }));
        var second = Canonical(LabInventoryGenerator.Generate(new LabOptions { Seed = 7, VmCount = 120 }));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seed_gives_a_different_inventory()
    {
        var first = Canonical(LabInventoryGenerator.Generate(new LabOptions { Seed = 7, VmCount = 120 }));
        var second = Canonical(LabInventoryGenerator.Generate(new LabOptions { Seed = 8, VmCount = 120 }));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Lab_traits_are_deterministic_too()
    {
        var first = LabInventoryGenerator.Generate(new LabOptions { Seed = 3 });
        var second = LabInventoryGenerator.Generate(new LabOptions { Seed = 3 });

        foreach (var vm in first.Vsphere.Vms)
        {
            Assert.Equal(first.DirtyRateMBps(vm.Id), second.DirtyRateMBps(vm.Id));
            Assert.All(vm.Disks, d => Assert.Equal(first.AllocatedBytes(vm.Id, d.Key), second.AllocatedBytes(vm.Id, d.Key)));
        }
    }

    [Fact]
    public void Dirty_rates_are_between_a_tenth_and_twenty_mb_per_second_and_allocation_fits_the_disk()
    {
        var inventory = LabInventoryGenerator.Generate(new LabOptions { VmCount = 300 });

        foreach (var vm in inventory.Vsphere.Vms)
        {
            Assert.InRange(inventory.DirtyRateMBps(vm.Id), 0.1, 20);
            Assert.All(vm.Disks, d => Assert.InRange(inventory.AllocatedBytes(vm.Id, d.Key), 0, d.CapacityBytes));
        }
    }

    internal static string Canonical(LabInventory inventory) =>
        JsonSerializer.Serialize(inventory.Vsphere) + JsonSerializer.Serialize(inventory.Target) + inventory.VCenterThumbprint;
}
