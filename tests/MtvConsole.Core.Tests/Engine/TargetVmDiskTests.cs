using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using static MtvConsole.Core.Tests.Readiness.SampleInventory;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>The target VM's disks: listed as upstream Forklift sorts them, the boot disk marked, serials from the vSphere disk UUIDs.</summary>
public class TargetVmDiskTests
{
    private static readonly Plan Plan = new() { Name = "wave-1", TargetNamespace = "apps" };
    private static readonly PlanContext Context = new(Plan, Source(), Destination(), null, null, new Dictionary<Guid, Hook>(), []);

    // An NVMe boot disk (key 2000) and a SCSI data disk (key 2001): SCSI comes first in the target's order.
    private static VsphereVm NvmeBootVm(int? bootDiskKey) => Vm("vm-7", "win") with
    {
        BootDiskKey = bootDiskKey,
        Disks =
        [
            new VmDisk(2000, "[ds] win/win.vmdk", "datastore-1", 80L << 30, false, false, "nvme", "persistent", true, 31000, 0) { Uuid = "6000C29a-1b2c-3d4e-5f60-718293a4b5c6" },
            new VmDisk(2001, "[ds] win/win_1.vmdk", "datastore-1", 200L << 30, false, false, "scsi", "persistent", true, 1000, 0) { Uuid = "6000C29f-0e1d-2c3b-4a59-687766554433" },
        ],
    };

    private static TargetVmSpec Spec(VsphereVm vm) => TargetSpecs.VirtualMachine(Context, Vsphere(vm), vm, new Dictionary<string, string>());

    [Fact]
    public void A_boot_disk_that_is_not_first_in_the_target_order_gets_boot_order_one()
    {
        var spec = Spec(NvmeBootVm(bootDiskKey: 2000));

        Assert.Equal([MigrationNames.DataVolume(Plan, "vm-7", 2001), MigrationNames.DataVolume(Plan, "vm-7", 2000)], spec.DataVolumes);
        Assert.Equal(MigrationNames.DataVolume(Plan, "vm-7", 2000), spec.BootDataVolume);
    }

    [Fact]
    public void Without_a_boot_disk_in_vsphere_the_first_disk_in_target_order_boots()
    {
        Assert.Equal(MigrationNames.DataVolume(Plan, "vm-7", 2001), Spec(NvmeBootVm(bootDiskKey: null)).BootDataVolume);
    }

    [Fact]
    public void Disks_are_sorted_sata_ide_scsi_nvme_then_by_controller_and_unit()
    {
        var vm = Vm("vm-8", "db") with
        {
            Disks =
            [
                new VmDisk(2000, "a", "datastore-1", 1, false, false, "nvme", "persistent", true, 31000, 0),
                new VmDisk(2001, "b", "datastore-1", 1, false, false, "scsi", "persistent", true, 1001, 0),
                new VmDisk(2002, "c", "datastore-1", 1, false, false, "scsi", "persistent", true, 1000, 3),
                new VmDisk(2003, "d", "datastore-1", 1, false, false, "ide", "persistent", true, 200, 0),
                new VmDisk(2004, "e", "datastore-1", 1, false, false, "sata", "persistent", true, 15000, 1),
                new VmDisk(2005, "f", "datastore-1", 1, false, false, "scsi", "persistent", true, 1000, 1),
            ],
        };

        Assert.Equal([2004, 2003, 2005, 2002, 2001, 2000], TargetDiskOrder.Sorted(vm).Select(d => d.Key));
    }

    [Fact]
    public void Each_disk_keeps_a_serial_from_its_vsphere_uuid()
    {
        var spec = Spec(NvmeBootVm(bootDiskKey: 2000));

        Assert.Equal("6000C29a-1b2c-3d4e-5", spec.DiskSerials[MigrationNames.DataVolume(Plan, "vm-7", 2000)]);
        Assert.Equal("6000C29f-0e1d-2c3b-4", spec.DiskSerials[MigrationNames.DataVolume(Plan, "vm-7", 2001)]);
    }

    [Theory]
    // kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/base/disk_serial_test.go cases: sanitised and cut to 20.
    [InlineData("6000C29a-1234-5678-abcd-000000000001", "6000C29a-1234-5678-a")]
    [InlineData("disk-123", "disk-123")]
    [InlineData("disk@#$%^&*()", "disk")]
    [InlineData("{12345678-abcd}", "12345678-abcd")]
    public void A_disk_serial_keeps_letters_digits_and_dashes_up_to_20_characters(string uuid, string serial)
    {
        Assert.Equal(serial, DiskSerial.For(uuid, "vm-1", 2000));
    }

    [Fact]
    public void A_disk_without_uuid_gets_the_first_20_hex_digits_of_the_sha256_of_vm_and_key()
    {
        // printf 'vm-7:2000' | sha256sum → 31b5d738cfc2ba10740f8f6f…
        Assert.Equal("31b5d738cfc2ba10740f", DiskSerial.For("", "vm-7", 2000));
        Assert.Equal("31b5d738cfc2ba10740f", DiskSerial.For("@@@", "vm-7", 2000));
        Assert.NotEqual(DiskSerial.For("", "vm-7", 2000), DiskSerial.For("", "vm-7", 2001));
    }
}
