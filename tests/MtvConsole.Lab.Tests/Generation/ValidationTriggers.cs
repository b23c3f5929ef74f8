using System.Text.RegularExpressions;
using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Tests.Generation;

/// <summary>
/// The firing conditions of the VMware validation rules of reference §8.2 (MTV 2.0) and §8.4 (current), written
/// as predicates over the inventory fields, plus the import-time rejections (template, disconnected, host in
/// maintenance). Not covered: disk_count (> 165 disks), which the Lab does not generate.
/// </summary>
internal static partial class ValidationTriggers
{
    public static readonly IReadOnlyDictionary<string, Func<VsphereVm, VsphereInventory, bool>> All =
        new Dictionary<string, Func<VsphereVm, VsphereInventory, bool>>
        {
            ["changed_block_tracking"] = (vm, _) => !vm.ChangeTrackingEnabled,
            ["changed_block_tracking_per_disk"] = (vm, _) => vm.ChangeTrackingEnabled && vm.Disks.Any(d => !d.ChangeTrackingEnabled),
            ["consolidation_needed"] = (vm, _) => vm.ConsolidationNeeded,
            ["cpu_affinity"] = (vm, _) => vm.CpuAffinity.Count != 0,
            ["cpu_hotplug"] = (vm, _) => vm.CpuHotAddEnabled || vm.CpuHotRemoveEnabled,
            ["memory_hotplug"] = (vm, _) => vm.MemoryHotAddEnabled,
            ["datastore_missing"] = (vm, _) => vm.Disks.Any(d => d.DatastoreId == ""),
            ["disk_mode_independent"] = (vm, _) => vm.Disks.Any(d => d.Mode is "independent_persistent" or "independent_nonpersistent"),
            ["disk_serial_numbers"] = (vm, _) => vm.DiskEnableUuid && vm.Disks.Any(d => d.Bus == "scsi"),
            ["disk_size"] = (vm, _) => vm.Disks.Any(d => d.CapacityBytes <= 0),
            ["dpm_enabled"] = (vm, inv) => ClusterOf(vm, inv).DpmEnabled,
            ["drs_enabled"] = (vm, inv) => ClusterOf(vm, inv).DrsEnabled,
            ["ha_enabled"] = (vm, inv) => ClusterOf(vm, inv).DasEnabled,
            ["host_affinity"] = (vm, inv) => ClusterOf(vm, inv).HostAffinityVmIds.Contains(vm.Id),
            ["fault_tolerance"] = (vm, _) => vm.FaultToleranceEnabled,
            ["filesystem_size"] = (vm, _) => vm.GuestDisks.Any(g => g.FreeSpaceBytes < RequiredFree(g.DiskPath)),
            ["guest_disk_mapping"] = (vm, _) =>
                vm.GuestId.Contains("windows", StringComparison.OrdinalIgnoreCase) && vm.GuestDisks.Any(g => g.Key == 0),
            ["hostname_empty"] = (vm, _) => vm.HostName == "",
            ["hostname_default"] = (vm, _) => vm.HostName == "localhost.localdomain",
            ["ip_state"] = (vm, _) => vm.GuestNetworks.Count == 0,
            ["memory_ballooning"] = (vm, _) => vm.BalloonedMemoryMB > 0,
            ["name_invalid_2_0"] = (vm, _) => !Name20().IsMatch(vm.Name) || vm.Name.Length > 64,
            ["name_invalid_current"] = (vm, _) => !NameCurrent().IsMatch(vm.Name) || vm.Name.Length >= 64,
            ["name_with_underscore"] = (vm, _) => vm.Name.Contains('_'),
            ["name_with_space"] = (vm, _) => vm.Name.Contains(' '),
            ["name_too_long"] = (vm, _) => vm.Name.Length > 64,
            ["numa_affinity"] = (vm, _) => vm.NumaNodeAffinity.Count != 0,
            ["passthrough_device"] = (vm, _) => vm.Devices.Any(d => d.Kind == DeviceKinds.PciPassthrough),
            ["rdm_disk"] = (vm, _) => vm.Disks.Any(d => d.Rdm),
            ["shared_disk"] = (vm, _) => vm.Disks.Any(d => d.Shared),
            ["snapshot"] = (vm, _) => vm.Snapshot?.Kind == "VirtualMachineSnapshot",
            ["sriov_device"] = (vm, _) => vm.Devices.Any(d => d.Kind == DeviceKinds.SriovEthernetCard),
            ["tpm_enabled"] = (vm, _) => vm.TpmEnabled,
            ["usb_controller"] = (vm, _) => vm.Devices.Any(d => d.Kind == DeviceKinds.UsbController),
            ["uefi_boot"] = (vm, _) => vm.Firmware == "efi",
            ["uefi_secure_boot"] = (vm, _) => vm.Firmware == "efi" && vm.SecureBoot,
            ["uefi_without_secure_boot"] = (vm, _) => vm.Firmware == "efi" && !vm.SecureBoot,
            ["vm_os_unsupported"] = (vm, _) => UnsupportedOs(vm),
            ["template"] = (vm, _) => vm.IsTemplate,
            ["disconnected"] = (vm, _) => vm.ConnectionState != "connected",
            ["host_in_maintenance"] = (vm, inv) => inv.FindHost(vm.HostId)!.InMaintenance,
        };

    public static bool AnyFires(VsphereVm vm, VsphereInventory inventory) => All.Values.Any(rule => rule(vm, inventory));

    private static Cluster ClusterOf(VsphereVm vm, VsphereInventory inventory) =>
        inventory.FindCluster(inventory.FindHost(vm.HostId)!.ClusterId)!;

    private static long RequiredFree(string path)
    {
        const long MiB = 1L << 20;
        return path.ToUpperInvariant() switch
        {
            "/" => 100 * MiB,
            "/BOOT" => 50 * MiB,
            "C:" or "C:\\" or "C:/" => 100 * MiB,
            _ => 10 * MiB,
        };
    }

    private static bool UnsupportedOs(VsphereVm vm)
    {
        if (vm.GuestId == "" && vm.GuestName == "")
        {
            return false;
        }

        var name = vm.GuestNameFromVmwareTools != "" ? vm.GuestNameFromVmwareTools : vm.GuestName;
        string[] supportedNames =
        [
            "Red Hat Enterprise Linux 7", "Red Hat Enterprise Linux 8", "Red Hat Enterprise Linux 9", "Microsoft Windows",
            "Ubuntu", "SUSE Linux Enterprise", "CentOS", "Fedora", "Debian",
        ];
        return !SupportedGuestId().IsMatch(vm.GuestId) && !supportedNames.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*[a-z0-9]$")]
    private static partial Regex Name20();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9.]*)?[A-Za-z0-9])?$")]
    private static partial Regex NameCurrent();

    [GeneratedRegex("^(rhel(7|8|9|10)_64Guest|windows(9Server64Guest|2019srv_64Guest|2019srvNext_64Guest|2022srvNext_64Guest|9_64Guest|11_64Guest))$")]
    private static partial Regex SupportedGuestId();
}
