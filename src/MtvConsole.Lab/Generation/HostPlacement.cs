using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>An ESXi host with what VM placement needs: its datacenter, cluster kind, datastores and VM networks.</summary>
internal sealed record HostPlacement(
    EsxiHost Host,
    int DatacenterIndex,
    ClusterKind ClusterKind,
    IReadOnlyList<Datastore> Datastores,
    IReadOnlyList<Network> VmNetworks);
