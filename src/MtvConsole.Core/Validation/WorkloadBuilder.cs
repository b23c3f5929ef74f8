using System.Text.Json;
using MtvConsole.Core.Inventory;

namespace MtvConsole.Core.Validation;

/// <summary>
/// Builds workloads (VM + host + cluster + datacenter) from a provider's inventory. The host, cluster and
/// datacenter parts are built once per host, up front, and shared by its VMs; building is thread-safe.
/// </summary>
public sealed class WorkloadBuilder
{
    private static readonly WorkloadSnapshot NoSnapshot = new("", "");
    private readonly Dictionary<string, WorkloadHost> _hosts;

    public WorkloadBuilder(VsphereInventory inventory)
    {
        _hosts = inventory.Hosts.ToDictionary(h => h.Id, h => BuildHost(inventory, h), StringComparer.Ordinal);
    }

    public Workload Build(VsphereVm vm, bool inWarmPlan = false) => new()
    {
        Id = vm.Id,
        Name = vm.Name,
        Path = vm.Path,
        Firmware = vm.Firmware,
        SecureBoot = vm.SecureBoot,
        PowerState = PowerStateName(vm.PowerState),
        IsTemplate = vm.IsTemplate,
        Snapshot = vm.Snapshot is null ? NoSnapshot : new WorkloadSnapshot(vm.Snapshot.Kind, vm.Snapshot.Id),
        ChangeTrackingEnabled = vm.ChangeTrackingEnabled,
        CpuAffinity = Elements(vm.CpuAffinity),
        CpuHotAddEnabled = vm.CpuHotAddEnabled,
        CpuHotRemoveEnabled = vm.CpuHotRemoveEnabled,
        MemoryHotAddEnabled = vm.MemoryHotAddEnabled,
        FaultToleranceEnabled = vm.FaultToleranceEnabled,
        CpuCount = vm.CpuCount,
        MemoryMB = vm.MemoryMB,
        GuestId = vm.GuestId,
        GuestName = vm.GuestName,
        GuestNameFromVmwareTools = vm.GuestNameFromVmwareTools,
        HostName = vm.HostName,
        BalloonedMemory = vm.BalloonedMemoryMB,
        NumaNodeAffinity = Elements(vm.NumaNodeAffinity),
        DiskEnableUuid = vm.DiskEnableUuid,
        TpmEnabled = vm.TpmEnabled,
        ConsolidationNeeded = vm.ConsolidationNeeded,
        Devices = vm.Devices.Count == 0 ? [] : [.. vm.Devices.Select(d => new WorkloadDevice(d.Kind))],
        Disks = [.. vm.Disks.Select(Disk)],
        GuestNetworks = vm.GuestNetworks.Count == 0 ? [] : [.. vm.GuestNetworks.Select(n => new WorkloadGuestNetwork(n.Device, n.Mac, n.IpAddress, n.PrefixLength))],
        GuestDisks = vm.GuestDisks.Count == 0 ? [] : [.. vm.GuestDisks.Select(g => new WorkloadGuestDisk(g.DiskPath, g.CapacityBytes, g.FreeSpaceBytes, g.Key))],
        Host = _hosts.GetValueOrDefault(vm.HostId),
        InWarmPlan = inWarmPlan,
    };

    private static WorkloadDisk Disk(VmDisk d) => new()
    {
        Key = d.Key,
        File = d.File,
        Datastore = new WorkloadRef("Datastore", d.DatastoreId),
        Capacity = d.CapacityBytes,
        Shared = d.Shared,
        Rdm = d.Rdm,
        Bus = d.Bus,
        Mode = d.Mode,
        ChangeTrackingEnabled = d.ChangeTrackingEnabled,
        ControllerKey = d.ControllerKey,
        UnitNumber = d.UnitNumber,
    };

    private static WorkloadHost BuildHost(VsphereInventory inventory, EsxiHost host)
    {
        var cluster = inventory.FindCluster(host.ClusterId);
        var datacenter = cluster is null ? null : inventory.Datacenters.FirstOrDefault(d => d.Id == cluster.DatacenterId);
        return new WorkloadHost
        {
            Id = host.Id,
            Name = host.Name,
            InMaintenance = host.InMaintenance,
            Cluster = cluster is null ? null : new WorkloadCluster
            {
                Id = cluster.Id,
                Name = cluster.Name,
                DasEnabled = cluster.DasEnabled,
                DrsEnabled = cluster.DrsEnabled,
                DpmEnabled = cluster.DpmEnabled,
                HostAffinityVms = [.. cluster.HostAffinityVmIds.Select(id => new WorkloadRef("VM", id))],
                Datacenter = datacenter is null ? null : new WorkloadDatacenter(datacenter.Id, datacenter.Name),
            },
        };
    }

    private static IReadOnlyList<JsonElement> Elements(IReadOnlyList<int> values) =>
        values.Count == 0 ? [] : [.. values.Select(v => JsonSerializer.SerializeToElement(v))];

    private static string PowerStateName(PowerState state) => state switch
    {
        PowerState.PoweredOn => "poweredOn",
        PowerState.PoweredOff => "poweredOff",
        _ => "suspended",
    };
}
