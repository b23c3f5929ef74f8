using MtvConsole.Core.Inventory;

namespace MtvConsole.Vsphere.Mapping;

/// <summary>A disk with what the VM mapper still needs: the extraConfig key of its per-disk CBT flag and its backing change id.</summary>
internal sealed record ParsedDisk(VmDisk Disk, string CtkKey, string ChangeId);

/// <summary>A VM's NIC before its network is resolved: a network reference or a distributed port group key.</summary>
internal sealed record ParsedNic(string? NetworkId, string? PortgroupKey, string Mac, int Order);

/// <summary><c>config.hardware.device</c> read once, when it arrives: disks, NICs and the device kinds validation looks at.</summary>
internal sealed record ParsedDevices(IReadOnlyList<ParsedDisk> Disks, IReadOnlyList<ParsedNic> Nics, IReadOnlyList<VmDevice> Devices);
