using MtvConsole.Lab.Generation;

namespace MtvConsole.Lab.Tests.Generation;

public sealed class RuleCoverageTests
{
    private static readonly Dictionary<int, LabInventory> Inventories = new()
    {
        [60] = LabInventoryGenerator.Generate(new LabOptions { VmCount = 60 }),
        [500] = LabInventoryGenerator.Generate(new LabOptions { VmCount = 500 }),
    };

    public static TheoryData<string, int> RulesAndSizes()
    {
        var data = new TheoryData<string, int>();
        foreach (var rule in ValidationTriggers.All.Keys)
        {
            data.Add(rule, 60);
            data.Add(rule, 500);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RulesAndSizes))]
    public void Every_validation_trigger_fires_for_at_least_one_vm(string rule, int vmCount)
    {
        var inventory = Inventories[vmCount].Vsphere;

        Assert.Contains(inventory.Vms, vm => ValidationTriggers.All[rule](vm, inventory));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(500)]
    public void Most_vms_are_clean(int vmCount)
    {
        var inventory = Inventories[vmCount].Vsphere;

        var clean = inventory.Vms.Count(vm => !ValidationTriggers.AnyFires(vm, inventory));

        Assert.True(clean > 0.6 * inventory.Vms.Count, $"{clean} of {inventory.Vms.Count} VMs are clean");
    }

    [Fact]
    public void Concern_vms_exist_in_every_block_of_a_large_inventory()
    {
        var inventory = LabInventoryGenerator.Generate(new LabOptions { VmCount = 1000 }).Vsphere;

        foreach (var block in inventory.Vms.Chunk(100))
        {
            Assert.Contains(block, vm => vm.Disks.Any(d => d.Rdm));
            Assert.Contains(block, vm => vm.IsTemplate);
        }
    }
}
