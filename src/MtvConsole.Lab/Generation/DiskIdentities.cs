using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>
/// What vCenter says about a VM's disks beyond their files: each disk's <c>backing.uuid</c> (vCenter format
/// <c>6000C29x-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>, derived from the VM's UUID and the disk key so it does not disturb the
/// generator's random sequence), and one VM whose boot disk (<c>config.bootOptions.bootOrder</c>) is an NVMe disk listed
/// after its SCSI data disks, so the target VM must mark it with <c>bootOrder: 1</c>.
/// </summary>
internal static class DiskIdentities
{
    public const int NvmeControllerKey = 31000;

    public static VsphereVm WithDiskUuids(VsphereVm vm) =>
        vm with { Disks = [.. vm.Disks.Select(d => d with { Uuid = DiskUuid(vm.Uuid, d.Key) })] };

    /// <summary>
    /// Moves the OS disk of the first ordinary VM (no concern slot; after the first <paramref name="skipOrdinary"/>,
    /// which other scenarios use) with several disks, all SCSI, to an NVMe controller, and names it as the boot disk.
    /// </summary>
    public static void PlantBootDiskNotFirst(List<VsphereVm> vms, int skipOrdinary)
    {
        var ordinary = 0;
        for (var i = 0; i < vms.Count; i++)
        {
            var vm = vms[i];
            if (ConcernSlots.ForIndex(i) is not null || ordinary++ < skipOrdinary || vm.Disks.Count < 2 || vm.Disks.Any(d => d.Bus != "scsi")) continue;
            var boot = vm.Disks[0];
            vms[i] = vm with
            {
                BootDiskKey = boot.Key,
                Disks = [boot with { Bus = "nvme", ControllerKey = NvmeControllerKey, UnitNumber = 0 }, .. vm.Disks.Skip(1)],
            };
            return;
        }
    }

    private static string DiskUuid(string vmUuid, int key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{vmUuid}:{key}"))));
        var hex = "6000C29" + hash[..25];
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
