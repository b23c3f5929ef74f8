using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Collector;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Mapping;

/// <summary>A collected VM as Core's <see cref="VsphereVm"/>, with every field of reference §9.1 the validation rules read.</summary>
internal static class VirtualMachineMapper
{
    public static VsphereVm Map(string id, StoredObject o, string path, IReadOnlyDictionary<string, string> portgroupKeys)
    {
        var extra = o.Get<Dictionary<string, string>>("config.extraConfig") ?? new Dictionary<string, string>();
        var devices = o.Get<ParsedDevices>("config.hardware.device") ?? new ParsedDevices([], [], []);
        var cbt = o.Text("config.changeTrackingEnabled") == "true" || IsTrue(extra.GetValueOrDefault("ctkEnabled"));
        var toolsStatus = o.Text("guest.toolsStatus");
        var guestNetworks = o.Get<GuestNetwork[]>("guest.net") ?? [];
        return new VsphereVm
        {
            Id = id,
            Name = o.Text("name"),
            Path = path,
            Uuid = o.Text("config.uuid"),
            InstanceUuid = o.Text("config.instanceUuid"),
            FolderId = o.Get<ObjectRef>("parent") is { Kind: "Folder" } folder ? folder.Id : "",
            HostId = o.Get<ObjectRef>("runtime.host")?.Id ?? "",
            Firmware = o.Text("config.firmware") is { Length: > 0 } firmware ? firmware : "bios",
            SecureBoot = Values.Bool(o.Get<XElement>("config.bootOptions"), "efiSecureBootEnabled"),
            PowerState = o.Text("runtime.powerState") switch
            {
                "poweredOff" => PowerState.PoweredOff,
                "suspended" => PowerState.Suspended,
                _ => PowerState.PoweredOn,
            },
            ConnectionState = o.Text("runtime.connectionState") is { Length: > 0 } connection ? connection : "connected",
            IsTemplate = o.Text("config.template") == "true",
            Snapshot = o.Get<SnapshotRef>("snapshot"),
            ChangeTrackingEnabled = cbt,
            CpuAffinity = o.Get<int[]>("config.cpuAffinity") ?? [],
            CpuHotAddEnabled = o.Text("config.cpuHotAddEnabled") == "true",
            CpuHotRemoveEnabled = o.Text("config.cpuHotRemoveEnabled") == "true",
            MemoryHotAddEnabled = o.Text("config.memoryHotAddEnabled") == "true",
            FaultToleranceEnabled = o.Props.GetValueOrDefault("config.ftInfo") is not null,
            CpuCount = (int)InventoryMapper.Number(o, "config.hardware.numCPU"),
            CoresPerSocket = Math.Max(1, (int)InventoryMapper.Number(o, "config.hardware.numCoresPerSocket")),
            MemoryMB = (int)InventoryMapper.Number(o, "config.hardware.memoryMB"),
            GuestId = o.Text("guest.guestId") is { Length: > 0 } guestId ? guestId : o.Text("config.guestId"),
            GuestName = o.Text("config.guestFullName"),
            GuestNameFromVmwareTools = o.Text("guest.guestFullName"),
            HostName = o.Text("guest.hostName"),
            BalloonedMemoryMB = (int)InventoryMapper.Number(o, "summary.quickStats.balloonedMemory"),
            IpAddress = o.Text("guest.ipAddress"),
            StorageUsedBytes = InventoryMapper.Number(o, "summary.storage.committed"),
            NumaNodeAffinity = NumaNodes(extra.GetValueOrDefault("numa.nodeAffinity")),
            DiskEnableUuid = IsTrue(extra.GetValueOrDefault("disk.EnableUUID")),
            NestedHvEnabled = o.Text("config.nestedHVEnabled") == "true",
            TpmEnabled = o.Text("summary.config.tpmPresent") == "true",
            ConsolidationNeeded = o.Text("runtime.consolidationNeeded") == "true",
            ToolsStatus = toolsStatus.Length > 0 ? toolsStatus : "toolsNotInstalled",
            Devices = devices.Devices,
            Disks =
            [
                .. devices.Disks.Select(d => d.Disk with
                {
                    ChangeTrackingEnabled = extra.TryGetValue(d.CtkKey, out var perDisk) ? IsTrue(perDisk) : cbt,
                }),
            ],
            Nics =
            [
                .. devices.Nics.Select(n => new VmNic(
                    n.NetworkId ?? (n.PortgroupKey is { } key ? portgroupKeys.GetValueOrDefault(key) ?? key : ""), n.Mac, n.Order)),
            ],
            GuestNetworks = guestNetworks,
            GuestDisks = o.Get<GuestDisk[]>("guest.disk") ?? [],
            BootDiskKey = BootDiskKey(o.Get<XElement>("config.bootOptions")),
        };
    }

    /// <summary>
    /// The device key of the first disk in <c>config.bootOptions.bootOrder</c> (vim25 VirtualMachineBootOptions:
    /// <c>bootOrder</c> is a list of VirtualMachineBootOptionsBootableDevice; a disk is a
    /// VirtualMachineBootOptionsBootableDiskDevice with <c>deviceKey</c>); null when the boot order names no disk.
    /// </summary>
    private static int? BootDiskKey(XElement? bootOptions) =>
        bootOptions?.Children("bootOrder")
            .Where(b => Vim.TypeOf(b) == "VirtualMachineBootOptionsBootableDiskDevice")
            .Select(b => (int?)Values.Int(b, "deviceKey"))
            .FirstOrDefault();

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static int[] NumaNodes(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1)
                .Where(n => n >= 0)];
}
