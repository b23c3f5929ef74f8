using MtvConsole.Core.Inventory;

namespace MtvConsole.Core.Engine;

/// <summary>
/// The order in which the target VM lists a source VM's disks, and which of them boots.
/// kubev2v/forklift d42511bb2 pkg/controller/provider/web/vsphere/vm.go SortedDisksAsVmware (used by
/// pkg/controller/plan/adapter/vsphere/builder.go mapDisks for the VM it creates): by bus in the order SATA, IDE,
/// SCSI, NVMe, and within a bus by controller key, unit number, then device key. Disks on any other bus follow,
/// in device order (upstream drops them, which would lose data).
/// </summary>
public static class TargetDiskOrder
{
    private static readonly string[] Buses = ["sata", "ide", "scsi", "nvme"];

    public static IReadOnlyList<VmDisk> Sorted(VsphereVm vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var rank = (VmDisk d) => Array.IndexOf(Buses, d.Bus.ToLowerInvariant()) is var i and >= 0 ? i : Buses.Length;
        return [.. vm.Disks.Select((d, index) => (d, index))
            .OrderBy(x => rank(x.d))
            .ThenBy(x => rank(x.d) < Buses.Length ? x.d.ControllerKey : 0)
            .ThenBy(x => rank(x.d) < Buses.Length ? x.d.UnitNumber : 0)
            .ThenBy(x => rank(x.d) < Buses.Length ? x.d.Key : x.index)
            .Select(x => x.d)];
    }

    /// <summary>
    /// The disk the target VM boots from (it gets <c>bootOrder: 1</c>): the first disk of vSphere's
    /// <c>config.bootOptions.bootOrder</c> when it names one of the VM's disks, otherwise the first disk in target
    /// order. Upstream (builder.go mapDisks) sets <c>bootOrder: 1</c> on the disk virt-v2v detected as root, or the user's
    /// RootDisk, defaulting to the first sorted disk; the console has no virt-v2v inspection before CreateVM, so it takes
    /// the boot disk vSphere itself boots from. Null for a VM without disks.
    /// </summary>
    public static VmDisk? BootDisk(VsphereVm vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return vm.Disks.FirstOrDefault(d => d.Key == vm.BootDiskKey) ?? Sorted(vm).FirstOrDefault();
    }
}
