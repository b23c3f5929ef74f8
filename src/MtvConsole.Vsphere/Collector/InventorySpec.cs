namespace MtvConsole.Vsphere.Collector;

/// <summary>The object types of the inventory and the property paths collected for each (reference §9).</summary>
internal static class InventorySpec
{
    public static readonly string[] VmPaths =
    [
        "name", "parent", "config.uuid", "config.instanceUuid", "config.firmware", "config.bootOptions", "config.template",
        "config.changeTrackingEnabled", "config.cpuAffinity", "config.cpuHotAddEnabled", "config.cpuHotRemoveEnabled",
        "config.memoryHotAddEnabled", "config.ftInfo", "config.hardware.numCPU", "config.hardware.numCoresPerSocket",
        "config.hardware.memoryMB", "config.hardware.device", "config.extraConfig", "config.nestedHVEnabled", "config.guestId",
        "config.guestFullName", "runtime.powerState", "runtime.connectionState", "runtime.host", "runtime.consolidationNeeded",
        "snapshot", "summary.config.tpmPresent", "summary.quickStats.balloonedMemory", "summary.storage.committed",
        "guest.guestFullName", "guest.guestId", "guest.hostName", "guest.ipAddress", "guest.net", "guest.disk",
        "guest.toolsStatus", "guest.toolsRunningStatus",
    ];

    public static readonly string[] HostPaths =
    [
        "name", "parent", "runtime.inMaintenanceMode", "summary.managementServerIp", "summary.config.sslThumbprint",
        "summary.hardware.numCpuPkgs", "summary.hardware.numCpuCores", "config.product.name", "config.product.version",
        "config.dateTimeInfo", "config.network.vnic", "config.network.pnic", "config.network.vswitch", "config.network.portgroup",
        "network", "datastore",
    ];

    public static readonly IReadOnlyDictionary<string, string[]> PathsByType = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Folder"] = ["name", "parent", "childEntity"],
        ["Datacenter"] = ["name", "parent"],
        ["ComputeResource"] = ["name", "parent", "host"],
        ["ClusterComputeResource"] = ["name", "parent", "host", "configurationEx"],
        ["HostSystem"] = HostPaths,
        ["Network"] = ["name", "parent"],
        ["OpaqueNetwork"] = ["name", "parent"],
        ["DistributedVirtualPortgroup"] = ["name", "parent", "key", "config.distributedVirtualSwitch", "config.defaultPortConfig"],
        ["VmwareDistributedVirtualSwitch"] = ["name", "parent"],
        ["DistributedVirtualSwitch"] = ["name", "parent"],
        ["Datastore"] = ["name", "parent", "summary.type", "summary.capacity", "summary.freeSpace", "summary.maintenanceMode"],
        ["VirtualMachine"] = VmPaths,
    };

    /// <summary>What a VM's own operations can change; re-read after each so the inventory shows the result at once.</summary>
    public static readonly string[] VmStatePaths =
    [
        "runtime.powerState", "runtime.connectionState", "runtime.host", "snapshot", "config.changeTrackingEnabled",
        "config.hardware.device", "config.extraConfig", "guest.toolsStatus", "guest.toolsRunningStatus", "runtime.consolidationNeeded",
    ];
}
