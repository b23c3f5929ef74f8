using System.Globalization;
using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Collector;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Mapping;

/// <summary>Builds Core's <see cref="VsphereInventory"/> from the collected objects: paths from the parent chain, then each kind.</summary>
internal sealed class InventoryMapper(IReadOnlyDictionary<string, StoredObject> objects)
{
    private readonly Dictionary<string, string> _paths = new(StringComparer.Ordinal);

    public static VsphereInventory Map(ObjectStore store) => new InventoryMapper(store.Objects).Build();

    private VsphereInventory Build()
    {
        var byType = objects.GroupBy(o => o.Value.Type).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        List<KeyValuePair<string, StoredObject>> Of(params string[] types) =>
            [.. types.SelectMany(t => byType.GetValueOrDefault(t) ?? []).OrderBy(o => Path(o.Key), StringComparer.Ordinal)];

        var datacenters = Of("Datacenter").Select(o => new Datacenter(o.Key, o.Value.Text("name"), Path(o.Key))).ToList();
        var folders = Of("Folder").Select(o => new Folder(
            o.Key, o.Value.Text("name"), Path(o.Key), o.Value.Get<ObjectRef>("parent"),
            o.Value.Get<ObjectRef[]>("childEntity") ?? [])).ToList();
        var clusters = Of("ClusterComputeResource").Select(o => Cluster(o.Key, o.Value)).ToList();
        var hosts = Of("HostSystem").Select(o => Host(o.Key, o.Value)).ToList();
        var portgroupKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pg in Of("DistributedVirtualPortgroup"))
            if (pg.Value.Text("key") is { Length: > 0 } key) portgroupKeys[key] = pg.Key;
        var networks = Of("Network", "OpaqueNetwork", "DistributedVirtualPortgroup", "VmwareDistributedVirtualSwitch", "DistributedVirtualSwitch")
            .Select(o => Network(o.Key, o.Value)).ToList();
        var datastores = Of("Datastore").Select(o => new Datastore(
            o.Key, o.Value.Text("name"), Path(o.Key), o.Value.Text("summary.type"),
            Number(o.Value, "summary.capacity"), Number(o.Value, "summary.freeSpace"),
            o.Value.Text("summary.maintenanceMode") is { Length: > 0 } m && m != "normal")).ToList();
        var vms = Of("VirtualMachine").Select(o => VirtualMachineMapper.Map(o.Key, o.Value, Path(o.Key), portgroupKeys)).ToList();
        return new VsphereInventory(datacenters, folders, clusters, hosts, networks, datastores, vms);
    }

    /// <summary>The inventory path, e.g. <c>/DC0/vm/Production/web-01</c>; the root folder is <c>/</c>.</summary>
    public string Path(string id)
    {
        if (_paths.TryGetValue(id, out var known)) return known;
        if (!objects.TryGetValue(id, out var o)) return "";
        var parent = o.Get<ObjectRef>("parent");
        string path;
        if (parent is null || !objects.ContainsKey(parent.Id))
            path = o.Type == "Folder" && parent is null ? "/" : "/" + o.Text("name");
        else
        {
            var parentPath = Path(parent.Id);
            path = (parentPath == "/" ? "" : parentPath) + "/" + o.Text("name");
        }
        _paths[id] = path;
        return path;
    }

    private string DatacenterOf(string id)
    {
        var current = id;
        for (var i = 0; i < 64 && objects.TryGetValue(current, out var o); i++)
        {
            if (o.Type == "Datacenter") return current;
            if (o.Get<ObjectRef>("parent") is not { } parent) break;
            current = parent.Id;
        }
        return "";
    }

    private Cluster Cluster(string id, StoredObject o)
    {
        var config = o.Get<XElement>("configurationEx");
        var das = config?.Child("dasConfig");
        var drs = config?.Child("drsConfig");
        var dpm = config?.Child("dpmConfigInfo");
        var vmGroups = (config?.Children("group") ?? [])
            .Where(g => Vim.TypeOf(g) == "ClusterVmGroup")
            .ToDictionary(g => g.ChildText("name") ?? "", g => g.Children("vm").Select(v => v.Value).ToList(), StringComparer.Ordinal);
        var affinityVms = (config?.Children("rule") ?? [])
            .Where(r => Vim.TypeOf(r) == "ClusterVmHostRuleInfo" && r.ChildText("enabled") != "false")
            .SelectMany(r => vmGroups.GetValueOrDefault(r.ChildText("vmGroupName") ?? "") ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new Cluster(
            id, o.Text("name"), Path(id), DatacenterOf(id),
            Values.Bool(das, "enabled"), Values.Bool(drs, "enabled"),
            Values.Text(drs, "defaultVmBehavior") is { Length: > 0 } behavior ? behavior : "fullyAutomated",
            Values.Bool(dpm, "enabled"), affinityVms,
            (o.Get<ObjectRef[]>("host") ?? []).Select(h => h.Id).ToArray());
    }

    private EsxiHost Host(string id, StoredObject o)
    {
        var parent = o.Get<ObjectRef>("parent");
        var clusterId = parent is not null && objects.TryGetValue(parent.Id, out var p) && p.Type == "ClusterComputeResource" ? parent.Id : "";
        return new EsxiHost(
            id, o.Text("name"), Path(id), clusterId,
            o.Text("runtime.inMaintenanceMode") == "true",
            o.Text("summary.managementServerIp"),
            o.Text("summary.config.sslThumbprint"),
            (int)Number(o, "summary.hardware.numCpuPkgs"),
            (int)Number(o, "summary.hardware.numCpuCores"),
            o.Text("config.product.name"),
            o.Text("config.product.version"),
            o.Get<XElement>("config.dateTimeInfo")?.Child("timeZone")?.ChildText("name") ?? "UTC",
            HostNetworking.Adapters(o),
            (o.Get<ObjectRef[]>("network") ?? []).Select(n => n.Id).ToArray(),
            (o.Get<ObjectRef[]>("datastore") ?? []).Select(d => d.Id).ToArray());
    }

    private Network Network(string id, StoredObject o)
    {
        var variant = o.Type switch
        {
            "DistributedVirtualPortgroup" => NetworkVariant.DvPortGroup,
            "VmwareDistributedVirtualSwitch" or "DistributedVirtualSwitch" => NetworkVariant.DvSwitch,
            _ => NetworkVariant.Standard,
        };
        int? vlan = null;
        if (o.Get<XElement>("config.defaultPortConfig")?.Child("vlan") is { } v && v.Child("vlanId") is { HasElements: false } vlanId)
            vlan = (int)Values.Long(vlanId);
        return new Network(id, o.Text("name"), Path(id), variant, o.Get<ObjectRef>("config.distributedVirtualSwitch")?.Id, vlan);
    }

    internal static long Number(StoredObject o, string path) =>
        long.TryParse(o.Text(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
