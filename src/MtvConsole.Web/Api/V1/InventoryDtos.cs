using MtvConsole.Core.Inventory;

namespace MtvConsole.Web.Api.V1;

/// <summary>One page of a filtered list: <c>total</c> items matched; <c>items</c> holds <c>take</c> of them from <c>skip</c>.</summary>
public sealed record PageDto<T>(int Total, int Skip, int Take, IReadOnlyList<T> Items);

public sealed record VmDto(string Id, string Name, string Path, string PowerState, string GuestOs, string HostId, string Host, string Cluster,
    int CpuCount, int MemoryMB, int Disks, long DiskCapacityBytes, bool ChangeTracking, IReadOnlyList<string> NetworkIds, IReadOnlyList<string> DatastoreIds)
{
    public static VmDto From(VsphereVm vm, VsphereInventory inventory)
    {
        var host = inventory.FindHost(vm.HostId);
        return new(vm.Id, vm.Name, vm.Path, vm.PowerState.ToString(), VmQuery.GuestOs(vm), vm.HostId, host?.Name ?? "",
            host is null ? "" : inventory.FindCluster(host.ClusterId)?.Name ?? "",
            vm.CpuCount, vm.MemoryMB, vm.Disks.Count, vm.Disks.Sum(d => d.CapacityBytes), vm.ChangeTrackingEnabled, [.. vm.NetworkIds], [.. vm.DatastoreIds]);
    }
}

public sealed record HostDto(string Id, string Name, string Path, string Cluster, bool InMaintenance, string ProductVersion, int Vms,
    IReadOnlyList<HostAdapterDto> Adapters);

public sealed record HostAdapterDto(string Name, string PortGroup, string IpAddress, string SubnetMask, int Mtu, int LinkSpeedMbps);

public sealed record NetworkDto(string Id, string Name, string Path, string Variant, int? VlanId);

public sealed record DatastoreDto(string Id, string Name, string Path, string Type, long CapacityBytes, long FreeBytes, bool Maintenance);

public sealed record NamespaceDto(string Name);

public sealed record NetworkAttachmentDefinitionDto(string Namespace, string Name, string QualifiedName);

public sealed record StorageClassDto(string Name, string Provisioner, bool IsDefault, string DefaultVolumeMode, string DefaultAccessMode);
