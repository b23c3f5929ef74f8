using MtvConsole.Core.Inventory;

namespace MtvConsole.Core.Validation;

/// <summary>
/// Whether a VM's inputs changed between two inventory reads: same instances are equal at once; otherwise
/// the lists are compared element by element (a fresh read has new list instances), then the other fields
/// (a copy of one record holding the other's lists, so the lists compare equal by reference).
/// </summary>
internal static class SourceComparer
{
    public static bool Same(VmSource a, VmSource b) =>
        a.InWarmPlan == b.InWarmPlan && Same(a.Vm, b.Vm) && Same(a.Host, b.Host) && Same(a.Cluster, b.Cluster);

    private static bool Same(VsphereVm? a, VsphereVm? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        return Lists(a.CpuAffinity, b.CpuAffinity) && Lists(a.NumaNodeAffinity, b.NumaNodeAffinity) && Lists(a.Devices, b.Devices)
            && Lists(a.Disks, b.Disks) && Lists(a.Nics, b.Nics) && Lists(a.GuestNetworks, b.GuestNetworks) && Lists(a.GuestDisks, b.GuestDisks)
            && a with
            {
                CpuAffinity = b.CpuAffinity, NumaNodeAffinity = b.NumaNodeAffinity, Devices = b.Devices, Disks = b.Disks, Nics = b.Nics,
                GuestNetworks = b.GuestNetworks, GuestDisks = b.GuestDisks,
            } == b;
    }

    private static bool Same(EsxiHost? a, EsxiHost? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        return Lists(a.NetworkAdapters, b.NetworkAdapters) && Lists(a.NetworkIds, b.NetworkIds) && Lists(a.DatastoreIds, b.DatastoreIds)
            && a with { NetworkAdapters = b.NetworkAdapters, NetworkIds = b.NetworkIds, DatastoreIds = b.DatastoreIds } == b;
    }

    private static bool Same(Cluster? a, Cluster? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        return Lists(a.HostAffinityVmIds, b.HostAffinityVmIds) && Lists(a.HostIds, b.HostIds)
            && a with { HostAffinityVmIds = b.HostAffinityVmIds, HostIds = b.HostIds } == b;
    }

    private static bool Lists<T>(IReadOnlyList<T> a, IReadOnlyList<T> b) => ReferenceEquals(a, b) || a.SequenceEqual(b);
}
