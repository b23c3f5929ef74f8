using System.Text.RegularExpressions;
using MtvConsole.Core.Engine;
using MtvConsole.Lab.Generation;

namespace MtvConsole.Lab.Tests.Generation;

/// <summary>The Lab's vCenter reports disk UUIDs and has a VM whose boot disk is not the first one the target VM lists.</summary>
public sealed partial class DiskIdentityTests
{
    [GeneratedRegex("^6000C29[0-9a-f]-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex VcenterDiskUuid();

    [Fact]
    public void Every_disk_has_a_unique_uuid_in_vcenter_format()
    {
        var disks = LabInventoryGenerator.Generate(new LabOptions { Seed = 7, VmCount = 120 }).Vsphere.Vms.SelectMany(v => v.Disks).ToList();

        Assert.All(disks, d => Assert.Matches(VcenterDiskUuid(), d.Uuid));
        Assert.Equal(disks.Count, disks.Select(d => d.Uuid).Distinct().Count());
    }

    [Fact]
    public void One_vm_boots_from_an_nvme_disk_that_the_target_lists_after_its_scsi_disks()
    {
        var vm = Assert.Single(LabInventoryGenerator.Generate(new LabOptions { Seed = 7, VmCount = 120 }).Vsphere.Vms, v => v.BootDiskKey is not null);

        var boot = vm.Disks.Single(d => d.Key == vm.BootDiskKey);
        Assert.Equal("nvme", boot.Bus);
        Assert.NotEqual(boot.Key, TargetDiskOrder.Sorted(vm)[0].Key);
        Assert.Equal(boot, TargetDiskOrder.BootDisk(vm));
    }
}
