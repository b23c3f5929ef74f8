using MtvConsole.Core.Inventory;

namespace MtvConsole.Core.Validation;

/// <summary>
/// Whether a VM's inputs changed between two inventory reads: same instances are equal at once; otherwise
/// the records are compared field by field, lists element by element (a fresh read has new list instances).
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
            && Scalars(a) == Scalars(b);
    }

    private static VsphereVm Scalars(VsphereVm vm) =>
        vm with { CpuAffinity = [], NumaNodeAffinity = [], Devices = [], Disks = [], Nics = [], GuestNetworks = [], GuestDisks = [] };

    private static bool Same(EsxiHost? a, EsxiHost? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        return Lists(a.NetworkAdapters, b.NetworkAdapters) && Lists(a.NetworkIds, b.NetworkIds) && Lists(a.DatastoreIds, b.DatastoreIds)
            && a with { NetworkAdapters = [], NetworkIds = [], DatastoreIds = [] } == b with { NetworkAdapters = [], NetworkIds = [], DatastoreIds = [] };
    }

    private static bool Same(Cluster? a, Cluster? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        return Lists(a.HostAffinityVmIds, b.HostAffinityVmIds) && Lists(a.HostIds, b.HostIds)
            && a with { HostAffinityVmIds = [], HostIds = [] } == b with { HostAffinityVmIds = [], HostIds = [] };
    }

    private static bool Lists<T>(IReadOnlyList<T> a, IReadOnlyList<T> b) => ReferenceEquals(a, b) || a.SequenceEqual(b);
}
