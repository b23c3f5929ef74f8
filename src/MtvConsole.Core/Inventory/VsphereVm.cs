namespace MtvConsole.Core.Inventory;

public enum PowerState
{
    PoweredOn,
    PoweredOff,
    Suspended,
}

/// <summary>The current snapshot of a VM (<c>snapshot.currentSnapshot</c>), kind <c>VirtualMachineSnapshot</c>.</summary>
public sealed record SnapshotRef(string Kind, string Id);

/// <summary>A device kind that validation cares about (VirtualPCIPassthrough, VirtualSriovEthernetCard, VirtualUSBController, …).</summary>
public sealed record VmDevice(string Kind);

public static class DeviceKinds
{
    public const string PciPassthrough = "VirtualPCIPassthrough";
    public const string ScsiPassthrough = "VirtualSCSIPassthrough";
    public const string SriovEthernetCard = "VirtualSriovEthernetCard";
    public const string UsbController = "VirtualUSBController";
}

public sealed record VmDisk(
    int Key,
    string File,
    string DatastoreId,
    long CapacityBytes,
    bool Shared,
    bool Rdm,
    string Bus,
    string Mode,
    bool ChangeTrackingEnabled,
    int ControllerKey,
    int UnitNumber)
{
    /// <summary>The disk's UUID (<c>backing.uuid</c>, e.g. <c>6000C29a-…</c>); "" when vSphere has none (RDM physical, old backings).</summary>
    public string Uuid { get; init; } = "";
}

public sealed record VmNic(string NetworkId, string Mac, int Order);

/// <summary>A guest network as reported by VMware Tools (<c>guest.net</c>).</summary>
public sealed record GuestNetwork(string Device, string Mac, string IpAddress, int PrefixLength);

/// <summary>A guest file system (<c>guest.disk</c>) with its free space, used by the conversion free-space check.</summary>
public sealed record GuestDisk(string DiskPath, long CapacityBytes, long FreeSpaceBytes, int Key);

/// <summary>A vSphere VM with the inventory fields of reference §9.1.</summary>
public sealed record VsphereVm
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Path { get; init; }
    public required string Uuid { get; init; }
    public string InstanceUuid { get; init; } = "";
    public required string FolderId { get; init; }
    public required string HostId { get; init; }
    public string Firmware { get; init; } = "bios";
    public bool SecureBoot { get; init; }
    public PowerState PowerState { get; init; } = PowerState.PoweredOn;
    public string ConnectionState { get; init; } = "connected";
    public bool IsTemplate { get; init; }
    public SnapshotRef? Snapshot { get; init; }
    public bool ChangeTrackingEnabled { get; init; } = true;
    public IReadOnlyList<int> CpuAffinity { get; init; } = [];
    public bool CpuHotAddEnabled { get; init; }
    public bool CpuHotRemoveEnabled { get; init; }
    public bool MemoryHotAddEnabled { get; init; }
    public bool FaultToleranceEnabled { get; init; }
    public int CpuCount { get; init; } = 2;
    public int CoresPerSocket { get; init; } = 1;
    public int MemoryMB { get; init; } = 4096;
    public string GuestId { get; init; } = "";
    public string GuestName { get; init; } = "";
    public string GuestNameFromVmwareTools { get; init; } = "";
    public string HostName { get; init; } = "";
    public int BalloonedMemoryMB { get; init; }
    public string IpAddress { get; init; } = "";
    public long StorageUsedBytes { get; init; }
    public IReadOnlyList<int> NumaNodeAffinity { get; init; } = [];
    public bool DiskEnableUuid { get; init; }
    public bool NestedHvEnabled { get; init; }
    public bool TpmEnabled { get; init; }
    public bool ConsolidationNeeded { get; init; }
    public string ToolsStatus { get; init; } = "toolsOk";
    public IReadOnlyList<VmDevice> Devices { get; init; } = [];
    public IReadOnlyList<VmDisk> Disks { get; init; } = [];
    public IReadOnlyList<VmNic> Nics { get; init; } = [];
    public IReadOnlyList<GuestNetwork> GuestNetworks { get; init; } = [];
    public IReadOnlyList<GuestDisk> GuestDisks { get; init; } = [];

    /// <summary>The device key of the first disk in <c>config.bootOptions.bootOrder</c>; null when the boot order names no disk.</summary>
    public int? BootDiskKey { get; init; }

    public IEnumerable<string> NetworkIds => Nics.Select(n => n.NetworkId).Distinct();
    public IEnumerable<string> DatastoreIds => Disks.Select(d => d.DatastoreId).Distinct();
}
