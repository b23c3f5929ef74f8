using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>Turns an ordinary generated VM into the VM of a concern slot (the validation triggers of reference §8.2/§8.4).</summary>
internal static class ConcernApplier
{
    private const long MiB = 1L << 20;

    public static VsphereVm Apply(VsphereVm vm, ConcernSlot slot, string snapshotId)
    {
        var disks = vm.Disks.ToList();
        switch (slot)
        {
            case ConcernSlot.CbtDisabled:
                return On(vm) with
                {
                    ChangeTrackingEnabled = false,
                    Disks = disks.Select(d => d with { ChangeTrackingEnabled = false }).ToArray(),
                };
            case ConcernSlot.DiskCbtDisabledAndIndependentDisk:
                disks[1] = disks[1] with { ChangeTrackingEnabled = false };
                disks[^1] = disks[^1] with { Mode = "independent_persistent" };
                return On(vm) with { Disks = disks };
            case ConcernSlot.SnapshotAndConsolidationNeeded:
                // As on vSphere, a VM with a snapshot writes to a delta disk: config.hardware.device[].backing.fileName names the top
                // of the chain ("-000001.vmdk"), its parent is the base file the snapshot froze.
                return On(vm) with
                {
                    Snapshot = new SnapshotRef("VirtualMachineSnapshot", snapshotId),
                    ConsolidationNeeded = true,
                    Disks = disks.Select(d => d with { File = d.File.Replace(".vmdk", "-000001.vmdk", StringComparison.Ordinal) }).ToArray(),
                };
            case ConcernSlot.RdmAndSharedDisk:
                disks[1] = disks[1] with { Rdm = true, File = disks[1].File.Replace(".vmdk", "-rdmp.vmdk", StringComparison.Ordinal) };
                disks[2] = disks[2] with { Shared = true };
                return On(vm) with { Disks = disks };
            case ConcernSlot.PciPassthroughUsbAndHostAffinity:
                return On(vm) with { Devices = [new VmDevice(DeviceKinds.PciPassthrough), new VmDevice(DeviceKinds.UsbController)] };
            case ConcernSlot.SriovCpuAndNumaAffinity:
                return On(vm) with { Devices = [new VmDevice(DeviceKinds.SriovEthernetCard)], CpuAffinity = [0, 1], NumaNodeAffinity = [0] };
            case ConcernSlot.EfiSecureBootAndTpm:
                return On(vm) with { Firmware = "efi", SecureBoot = true, TpmEnabled = true };
            case ConcernSlot.EfiWithoutSecureBootAndNoGuestNetworks:
                return On(vm) with
                {
                    Firmware = "efi",
                    SecureBoot = false,
                    ToolsStatus = "toolsNotInstalled",
                    GuestNameFromVmwareTools = "",
                    GuestNetworks = [],
                    GuestDisks = [],
                    IpAddress = "",
                    HostName = "",
                };
            case ConcernSlot.NameWithUnderscoreAndWindowsDiskKeyZero:
                var guestDisks = vm.GuestDisks.ToList();
                guestDisks[0] = guestDisks[0] with { Key = 0 };
                return On(vm) with { GuestDisks = guestDisks, HostName = "SQLPROD" };
            case ConcernSlot.NameWithSpaceAndEmptyHostname:
                return On(vm) with { HostName = "" };
            case ConcernSlot.NameTooLongAndDefaultHostname:
                return On(vm) with { HostName = "localhost.localdomain" };
            case ConcernSlot.HotPlugAndBallooning:
                return On(vm) with { CpuHotAddEnabled = true, MemoryHotAddEnabled = true, BalloonedMemoryMB = Math.Min(1024, vm.MemoryMB / 4) };
            case ConcernSlot.FaultToleranceInHaCluster:
                return On(vm) with { FaultToleranceEnabled = true };
            case ConcernSlot.DatastoreMissingAndZeroCapacity:
                disks[1] = disks[1] with { DatastoreId = "", File = $"[decommissioned-ds01] {vm.Name}/{vm.Name}_1.vmdk" };
                disks[2] = disks[2] with { CapacityBytes = 0 };
                return On(vm) with { Disks = disks };
            case ConcernSlot.LowFreeSpaceAndDiskUuid:
                var rootPath = GuestOsCatalog.IsWindows(vm.GuestId) ? "C:\\" : "/";
                return On(vm) with
                {
                    DiskEnableUuid = true,
                    Disks = disks.Select(d => d with { Bus = "scsi", ControllerKey = 1000 }).ToArray(),
                    GuestDisks = vm.GuestDisks.Select(g => g.DiskPath == rootPath ? g with { FreeSpaceBytes = 50 * MiB } : g).ToArray(),
                };
            case ConcernSlot.UnsupportedOs:
                return On(vm);
            case ConcernSlot.Template:
                return Off(vm) with { IsTemplate = true };
            case ConcernSlot.Disconnected:
                return On(vm) with { ConnectionState = "disconnected" };
            case ConcernSlot.OnHostInMaintenance:
                return Off(vm);
            default:
                throw new ArgumentOutOfRangeException(nameof(slot), slot, "Unknown concern slot.");
        }
    }

    /// <summary>Concern VMs run (so warm migration and guest shutdown can be exercised on them).</summary>
    private static VsphereVm On(VsphereVm vm) => vm with { PowerState = PowerState.PoweredOn, ToolsStatus = "toolsOk" };

    private static VsphereVm Off(VsphereVm vm) => vm with { PowerState = PowerState.PoweredOff, ToolsStatus = "toolsNotRunning" };
}
