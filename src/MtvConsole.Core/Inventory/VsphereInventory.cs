namespace MtvConsole.Core.Inventory;

/// <summary>A point-in-time copy of a vSphere provider's inventory, with id lookups.</summary>
public sealed class VsphereInventory
{
    public VsphereInventory(
        IReadOnlyList<Datacenter> datacenters,
        IReadOnlyList<Folder> folders,
        IReadOnlyList<Cluster> clusters,
        IReadOnlyList<EsxiHost> hosts,
        IReadOnlyList<Network> networks,
        IReadOnlyList<Datastore> datastores,
        IReadOnlyList<VsphereVm> vms)
    {
        Datacenters = datacenters;
        Folders = folders;
        Clusters = clusters;
        Hosts = hosts;
        Networks = networks;
        Datastores = datastores;
        Vms = vms;
        _vmById = vms.ToDictionary(v => v.Id, StringComparer.Ordinal);
        _hostById = hosts.ToDictionary(h => h.Id, StringComparer.Ordinal);
        _clusterById = clusters.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    private readonly Dictionary<string, VsphereVm> _vmById;
    private readonly Dictionary<string, EsxiHost> _hostById;
    private readonly Dictionary<string, Cluster> _clusterById;

    public IReadOnlyList<Datacenter> Datacenters { get; }
    public IReadOnlyList<Folder> Folders { get; }
    public IReadOnlyList<Cluster> Clusters { get; }
    public IReadOnlyList<EsxiHost> Hosts { get; }
    public IReadOnlyList<Network> Networks { get; }
    public IReadOnlyList<Datastore> Datastores { get; }
    public IReadOnlyList<VsphereVm> Vms { get; }

    public VsphereVm? FindVm(string id) => _vmById.GetValueOrDefault(id);
    public EsxiHost? FindHost(string id) => _hostById.GetValueOrDefault(id);
    public Cluster? FindCluster(string id) => _clusterById.GetValueOrDefault(id);

    public InventoryCounts Counts => new(Vms.Count, Hosts.Count, Networks.Count, Datastores.Count);
}

/// <summary>The counts shown on provider lists: VMs, hosts, networks and datastores (or storage classes).</summary>
public sealed record InventoryCounts(int Vms, int Hosts, int Networks, int Datastores);
