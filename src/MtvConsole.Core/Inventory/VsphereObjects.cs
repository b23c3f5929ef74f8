namespace MtvConsole.Core.Inventory;

/// <summary>A typed managed-object reference (<c>{kind, id}</c>), e.g. <c>{Folder, group-v3}</c>.</summary>
public sealed record ObjectRef(string Kind, string Id);

public sealed record Datacenter(string Id, string Name, string Path);

public sealed record Folder(string Id, string Name, string Path, ObjectRef? Parent, IReadOnlyList<ObjectRef> Children);

/// <summary>
/// A compute cluster. <see cref="DpmEnabled"/> and <see cref="HostAffinityVmIds"/> are not in
/// Forklift's inventory model (its DPM and VM-Host affinity rules are dead); we collect them.
/// </summary>
public sealed record Cluster(
    string Id,
    string Name,
    string Path,
    string DatacenterId,
    bool DasEnabled,
    bool DrsEnabled,
    string DrsBehavior,
    bool DpmEnabled,
    IReadOnlyList<string> HostAffinityVmIds,
    IReadOnlyList<string> HostIds);

/// <summary>A VMkernel adapter of an ESXi host, with the link speed of its backing physical NIC.</summary>
public sealed record HostNetworkAdapter(
    string Key,
    string Name,
    string PortGroup,
    string IpAddress,
    string SubnetMask,
    int Mtu,
    int LinkSpeedMbps);

public sealed record EsxiHost(
    string Id,
    string Name,
    string Path,
    string ClusterId,
    bool InMaintenance,
    string ManagementServerIp,
    string Thumbprint,
    int CpuSockets,
    int CpuCores,
    string ProductName,
    string ProductVersion,
    string Timezone,
    IReadOnlyList<HostNetworkAdapter> NetworkAdapters,
    IReadOnlyList<string> NetworkIds,
    IReadOnlyList<string> DatastoreIds);

public enum NetworkVariant
{
    Standard,
    DvPortGroup,
    DvSwitch,
}

public sealed record Network(string Id, string Name, string Path, NetworkVariant Variant, string? DvSwitchId, int? VlanId);

public sealed record Datastore(string Id, string Name, string Path, string Type, long CapacityBytes, long FreeBytes, bool Maintenance);
