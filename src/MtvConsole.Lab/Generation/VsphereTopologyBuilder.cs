using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>Builds the vCenter topology: 2 datacenters, 4 clusters, ≥6 hosts (one per 25 VMs), networks, datastores, folders.</summary>
internal sealed class VsphereTopologyBuilder(Random random, MoRefCounter ids)
{
    public const int VmsPerHost = 25;
    public const int MinHosts = 6;
    private const int MaintenanceHostIndex = 4;

    private static readonly string[] DatacenterNames = ["DC-East", "DC-West"];

    private static readonly string[][] VmFolderPaths =
    [
        ["Production", "Production/Databases", "Production/Web", "Development", "Templates"],
        ["DR", "DR/Databases", "Edge"],
    ];

    // Host i goes to cluster HostPattern[i % 6]: production, development, DR, edge, development, edge.
    private static readonly ClusterKind[] HostPattern =
    [
        ClusterKind.Production, ClusterKind.Development, ClusterKind.DisasterRecovery,
        ClusterKind.Edge, ClusterKind.Development, ClusterKind.Edge,
    ];

    private static readonly string[] EsxiVersions = ["7.0.3", "8.0.1", "8.0.2", "8.0.3"];

    private readonly List<FolderNode> _folders = [];
    private readonly Dictionary<string, FolderNode> _foldersByPath = new(StringComparer.Ordinal);

    public static int HostCountFor(int vmCount) => Math.Max(MinHosts, (vmCount + VmsPerHost - 1) / VmsPerHost);

    public VsphereTopology Build(int vmCount)
    {
        var root = AddFolder(ids.Next("group-d"), "Datacenters", "/", null);
        var datacenters = new List<Datacenter>();
        var hostFolders = new List<FolderNode>();
        var networkFolders = new List<FolderNode>();
        var datastoreFolders = new List<FolderNode>();
        for (var dc = 0; dc < DatacenterNames.Length; dc++)
        {
            var name = DatacenterNames[dc];
            var datacenter = new Datacenter(ids.Next("datacenter-"), name, $"/{name}");
            datacenters.Add(datacenter);
            root.Children.Add(new ObjectRef("Datacenter", datacenter.Id));
            var dcRef = new ObjectRef("Datacenter", datacenter.Id);
            var vmFolder = AddFolder(ids.Next("group-v"), "vm", $"/{name}/vm", dcRef);
            hostFolders.Add(AddFolder(ids.Next("group-h"), "host", $"/{name}/host", dcRef));
            networkFolders.Add(AddFolder(ids.Next("group-n"), "network", $"/{name}/network", dcRef));
            datastoreFolders.Add(AddFolder(ids.Next("group-s"), "datastore", $"/{name}/datastore", dcRef));
            foreach (var relative in VmFolderPaths[dc])
            {
                var slash = relative.LastIndexOf('/');
                var parent = slash < 0 ? vmFolder : _foldersByPath[$"/{name}/vm/{relative[..slash]}"];
                var folder = AddFolder(ids.Next("group-v"), relative[(slash + 1)..], $"/{name}/vm/{relative}", parent.Ref);
                parent.Children.Add(folder.Ref);
            }
        }

        var clusterSpecs = new (ClusterKind Kind, string Name, int Dc, bool Ha, bool Drs, string Behavior, bool Dpm)[]
        {
            (ClusterKind.Production, "Cluster-Prod", 0, true, true, "fullyAutomated", false),
            (ClusterKind.Development, "Cluster-Dev", 0, false, false, "fullyAutomated", false),
            (ClusterKind.DisasterRecovery, "Cluster-DR", 1, false, true, "partiallyAutomated", true),
            (ClusterKind.Edge, "Cluster-Edge", 1, false, false, "fullyAutomated", false),
        };
        var clusterIds = clusterSpecs.ToDictionary(c => c.Kind, _ => ids.Next("domain-c"));
        foreach (var spec in clusterSpecs)
        {
            hostFolders[spec.Dc].Children.Add(new ObjectRef("Cluster", clusterIds[spec.Kind]));
        }

        var networks = new List<Network>();
        var vmNetworksByDc = new List<Network>[] { [], [] };
        AddStandard(0, "VM Network", 0);
        AddStandard(0, "Prod-VLAN-110", 110);
        AddStandard(0, "DB-VLAN-120", 120);
        AddStandard(0, "DMZ", 30);
        AddDistributed(0, "dvs-Prod", [("dvPG-Backup", 200), ("dvPG-App-130", 130)]);
        AddStandard(1, "VM Network", 0);
        AddStandard(1, "DMZ", 31);
        AddDistributed(1, "dvs-West", [("dvPG-Replication", 300), ("dvPG-Backup", 201)]);

        var datastores = new List<Datastore>();
        var datastoresByDc = new List<Datastore>[] { [], [] };
        AddDatastore(0, "vsanDatastore", "vsan", 40);
        AddDatastore(0, "nfs-gold", "NFS", 20);
        AddDatastore(0, "iscsi-silver", "VMFS", 30);
        AddDatastore(1, "nfs-dr", "NFS", 30);
        AddDatastore(1, "iscsi-west", "VMFS", 20);
        var localDatastore = new Datastore(
            ids.Next("datastore-"), "local-esx01", "/DC-East/datastore/local-esx01", "VMFS", 2L << 40, 1L << 40, false);
        datastores.Add(localDatastore);
        datastoreFolders[0].Children.Add(new ObjectRef("Datastore", localDatastore.Id));

        var hostCount = HostCountFor(vmCount);
        var hosts = new List<HostPlacement>(hostCount);
        var hostIdsByCluster = clusterSpecs.ToDictionary(c => c.Kind, _ => new List<string>());
        for (var i = 0; i < hostCount; i++)
        {
            var kind = HostPattern[i % HostPattern.Length];
            var spec = clusterSpecs.Single(c => c.Kind == kind);
            var dcName = DatacenterNames[spec.Dc];
            var hostName = $"esx{i + 1:00}.lab.local";
            var hostDatastores = i == 0 ? [.. datastoresByDc[spec.Dc], localDatastore] : datastoresByDc[spec.Dc].ToList();
            var octets = $"{i / 200}.{10 + (i % 200)}";
            var host = new EsxiHost(
                ids.Next("host-"),
                hostName,
                $"/{dcName}/host/{spec.Name}/{hostName}",
                clusterIds[kind],
                InMaintenance: i == MaintenanceHostIndex,
                ManagementServerIp: "10.10.0.5",
                Thumbprint: Thumbprint(random),
                CpuSockets: 2,
                CpuCores: random.Next(0, 3) switch { 0 => 32, 1 => 48, _ => 64 },
                ProductName: "VMware ESXi",
                ProductVersion: EsxiVersions[random.Next(EsxiVersions.Length)],
                Timezone: "UTC",
                NetworkAdapters:
                [
                    new HostNetworkAdapter("key-vim.host.VirtualNic-vmk0", "vmk0", "Management Network", $"10.10.{octets}", "255.255.0.0", 1500, 1000),
                    new HostNetworkAdapter("key-vim.host.VirtualNic-vmk1", "vmk1", "Migration-Network", $"172.16.{octets}", "255.255.0.0", 9000, 10000),
                ],
                NetworkIds: networks.Where(n => n.Path.StartsWith($"/{dcName}/", StringComparison.Ordinal)).Select(n => n.Id).ToArray(),
                DatastoreIds: hostDatastores.Select(d => d.Id).ToArray());
            hostIdsByCluster[kind].Add(host.Id);
            hosts.Add(new HostPlacement(host, spec.Dc, kind, hostDatastores, vmNetworksByDc[spec.Dc]));
        }

        var clusters = clusterSpecs.ToDictionary(
            c => c.Kind,
            c => new Cluster(
                clusterIds[c.Kind], c.Name, $"/{DatacenterNames[c.Dc]}/host/{c.Name}", datacenters[c.Dc].Id,
                c.Ha, c.Drs, c.Behavior, c.Dpm, [], hostIdsByCluster[c.Kind].ToArray()));

        return new VsphereTopology
        {
            Datacenters = datacenters,
            Folders = _folders,
            FoldersByPath = _foldersByPath,
            Clusters = clusters,
            Hosts = hosts,
            Networks = networks,
            Datastores = datastores,
            VCenterIp = "10.10.0.5",
        };

        void AddStandard(int dc, string name, int vlan)
        {
            var network = new Network(ids.Next("network-"), name, $"/{DatacenterNames[dc]}/network/{name}", NetworkVariant.Standard, null, vlan);
            networks.Add(network);
            vmNetworksByDc[dc].Add(network);
            networkFolders[dc].Children.Add(new ObjectRef("Network", network.Id));
        }

        void AddDistributed(int dc, string switchName, (string Name, int Vlan)[] portGroups)
        {
            var dvSwitch = new Network(ids.Next("dvs-"), switchName, $"/{DatacenterNames[dc]}/network/{switchName}", NetworkVariant.DvSwitch, null, null);
            networks.Add(dvSwitch);
            networkFolders[dc].Children.Add(new ObjectRef("DistributedVirtualSwitch", dvSwitch.Id));
            foreach (var (name, vlan) in portGroups)
            {
                var portGroup = new Network(
                    ids.Next("dvportgroup-"), name, $"/{DatacenterNames[dc]}/network/{name}", NetworkVariant.DvPortGroup, dvSwitch.Id, vlan);
                networks.Add(portGroup);
                vmNetworksByDc[dc].Add(portGroup);
                networkFolders[dc].Children.Add(new ObjectRef("DistributedVirtualPortgroup", portGroup.Id));
            }
        }

        void AddDatastore(int dc, string name, string type, int capacityTiB)
        {
            var capacity = (long)capacityTiB << 40;
            var free = (long)(capacity * (0.35 + random.NextDouble() * 0.4));
            var datastore = new Datastore(ids.Next("datastore-"), name, $"/{DatacenterNames[dc]}/datastore/{name}", type, capacity, free, false);
            datastores.Add(datastore);
            datastoresByDc[dc].Add(datastore);
            datastoreFolders[dc].Children.Add(new ObjectRef("Datastore", datastore.Id));
        }
    }

    private FolderNode AddFolder(string id, string name, string path, ObjectRef? parent)
    {
        var folder = new FolderNode(id, name, path, parent);
        _folders.Add(folder);
        _foldersByPath[path] = folder;
        return folder;
    }

    /// <summary>A SHA-1 certificate thumbprint in vSphere's colon-separated upper-case hex form.</summary>
    internal static string Thumbprint(Random random)
    {
        var bytes = new byte[20];
        random.NextBytes(bytes);
        return string.Join(':', bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
