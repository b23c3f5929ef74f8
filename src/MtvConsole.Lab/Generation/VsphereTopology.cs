using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>The generated vCenter before VMs are placed: datacenters, folders, clusters, hosts, networks, datastores.</summary>
internal sealed class VsphereTopology
{
    public required IReadOnlyList<Datacenter> Datacenters { get; init; }
    public required IReadOnlyList<FolderNode> Folders { get; init; }
    public required IReadOnlyDictionary<string, FolderNode> FoldersByPath { get; init; }
    public required IReadOnlyDictionary<ClusterKind, Cluster> Clusters { get; init; }
    public required IReadOnlyList<HostPlacement> Hosts { get; init; }
    public required IReadOnlyList<Network> Networks { get; init; }
    public required IReadOnlyList<Datastore> Datastores { get; init; }
    public required string VCenterIp { get; init; }

    public IEnumerable<HostPlacement> UsableHosts(ClusterKind kind) =>
        Hosts.Where(h => h.ClusterKind == kind && !h.Host.InMaintenance);

    public HostPlacement MaintenanceHost => Hosts.First(h => h.Host.InMaintenance);
}
