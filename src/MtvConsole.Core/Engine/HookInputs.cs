using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;
using YamlDotNet.Serialization;

namespace MtvConsole.Core.Engine;

/// <summary>
/// What a hook playbook reads: <c>workload.yml</c> (the VM from the source inventory, with its host) and
/// <c>plan.yml</c> (the plan's spec), with Forklift's key names so that MTV's documented playbooks work
/// (<c>workload.vm.ipaddress</c>, <c>plan.targetnamespace</c>).
/// kubev2v/forklift d42511bb2 pkg/controller/plan/hook.go (workload(), plan()): both are Go structs marshalled
/// with gopkg.in/yaml.v2, which ignores json tags and keys each field by its lower-cased Go name; embedded
/// structs are not inlined but keyed by their lower-cased type name. The workload is
/// pkg/controller/provider/web/vsphere/workload.go <c>Workload{SelfLink; VM; Host{Host; Cluster{Cluster; Datacenter}}}</c>
/// (so <c>vm</c> holds <c>vm1.vm0</c> = the Resource: id, name, parent …, and the VM's own fields such as
/// <c>ipaddress</c>), vm.go <c>VM</c>/<c>VM1</c>; plan.yml is api/v1beta1/plan.go <c>PlanSpec</c>.
/// Only the fields the console has are written.
/// </summary>
public static class HookInputs
{
    private static readonly ISerializer Yaml = new SerializerBuilder().Build();

    public static string Workload(VsphereVm vm, VsphereInventory? inventory = null)
    {
        var workload = new Dictionary<string, object?> { ["selflink"] = "", ["vm"] = Vm(vm) };
        if (inventory?.FindHost(vm.HostId) is { } host) workload["host"] = Host(inventory, host);
        return Yaml.Serialize(workload);
    }

    public static string Plan(Plan plan) => Yaml.Serialize(new Dictionary<string, object?>
    {
        ["description"] = plan.Description,
        ["targetnamespace"] = plan.TargetNamespace,
        ["provider"] = new Dictionary<string, object?>
        {
            ["source"] = ObjectReference("Provider", plan.SourceProviderId),
            ["destination"] = ObjectReference("Provider", plan.DestinationProviderId),
        },
        ["map"] = new Dictionary<string, object?>
        {
            ["network"] = ObjectReference("NetworkMap", plan.NetworkMapId),
            ["storage"] = ObjectReference("StorageMap", plan.StorageMapId),
        },
        // plan/vm.go VM: the embedded ref.Ref is keyed "ref" by yaml.v2; HookRef{Step, Hook ObjectReference}.
        ["vms"] = plan.Vms.Select(v => new Dictionary<string, object?>
        {
            ["ref"] = new Dictionary<string, object?> { ["id"] = v.Ref.Id ?? "", ["name"] = v.Ref.Name ?? "", ["namespace"] = "", ["type"] = "" },
            ["hooks"] = v.Hooks.Select(h => new Dictionary<string, object?> { ["step"] = h.Step.ToString(), ["hook"] = ObjectReference("Hook", h.HookId) }).ToList(),
        }).ToList(),
        ["warm"] = plan.Warm,
        ["transfernetwork"] = TransferNetwork(plan.TransferNetwork),
        ["archived"] = plan.Archived,
    });

    private static Dictionary<string, object?> Vm(VsphereVm vm) => new()
    {
        // VM1 (detail 1) with VM0 = Resource (resource.go).
        ["vm1"] = new Dictionary<string, object?>
        {
            ["vm0"] = Resource(vm.Id, vm.Name, vm.Path, new ObjectRef("Folder", vm.FolderId)),
            ["istemplate"] = vm.IsTemplate,
            ["powerstate"] = PowerStateName(vm.PowerState),
            ["host"] = vm.HostId,
            ["networks"] = vm.NetworkIds.Select(id => Ref("Network", id)).ToList(),
            ["disks"] = vm.Disks.Select(d => new Dictionary<string, object?>
            {
                ["key"] = d.Key,
                ["unitnumber"] = d.UnitNumber,
                ["controllerkey"] = d.ControllerKey,
                ["file"] = d.File,
                ["datastore"] = Ref("Datastore", d.DatastoreId),
                ["capacity"] = d.CapacityBytes,
                ["shared"] = d.Shared,
                ["rdm"] = d.Rdm,
                ["bus"] = d.Bus,
                ["mode"] = d.Mode,
                ["changetrackingenabled"] = d.ChangeTrackingEnabled,
            }).ToList(),
        },
        ["uuid"] = vm.Uuid,
        ["instanceuuid"] = vm.InstanceUuid,
        ["firmware"] = vm.Firmware,
        ["connectionstate"] = vm.ConnectionState,
        ["snapshot"] = Ref(vm.Snapshot?.Kind ?? "", vm.Snapshot?.Id ?? ""),
        ["changetrackingenabled"] = vm.ChangeTrackingEnabled,
        ["consolidationneeded"] = vm.ConsolidationNeeded,
        ["cpuaffinity"] = vm.CpuAffinity.ToList(),
        ["cpuhotaddenabled"] = vm.CpuHotAddEnabled,
        ["cpuhotremoveenabled"] = vm.CpuHotRemoveEnabled,
        ["memoryhotaddenabled"] = vm.MemoryHotAddEnabled,
        ["faulttoleranceenabled"] = vm.FaultToleranceEnabled,
        ["cpucount"] = vm.CpuCount,
        ["corespersocket"] = vm.CoresPerSocket,
        ["memorymb"] = vm.MemoryMB,
        ["guestname"] = vm.GuestName,
        ["guestnamefromvmwaretools"] = vm.GuestNameFromVmwareTools,
        ["hostname"] = vm.HostName,
        ["guestid"] = vm.GuestId,
        ["balloonedmemory"] = vm.BalloonedMemoryMB,
        ["ipaddress"] = vm.IpAddress,
        ["storageused"] = vm.StorageUsedBytes,
        ["tpmenabled"] = vm.TpmEnabled,
        ["numanodeaffinity"] = vm.NumaNodeAffinity.ToList(),
        ["devices"] = vm.Devices.Select(d => new Dictionary<string, object?> { ["kind"] = d.Kind }).ToList(),
        // model.NIC{Network, MAC, Index}: keyed by the Go field names network, mac, index.
        ["nics"] = vm.Nics.Select(n => new Dictionary<string, object?> { ["network"] = Ref("Network", n.NetworkId), ["mac"] = n.Mac, ["index"] = n.Order }).ToList(),
        // model.GuestNetwork{Device, MAC, IP, PrefixLength}.
        ["guestnetworks"] = vm.GuestNetworks.Select(g => new Dictionary<string, object?>
        {
            ["device"] = g.Device, ["mac"] = g.Mac, ["ip"] = g.IpAddress, ["prefixlength"] = g.PrefixLength,
        }).ToList(),
        ["guestdisks"] = vm.GuestDisks.Select(g => new Dictionary<string, object?>
        {
            ["key"] = g.Key, ["diskpath"] = g.DiskPath, ["capacity"] = g.CapacityBytes, ["freespace"] = g.FreeSpaceBytes,
        }).ToList(),
        ["toolsstatus"] = vm.ToolsStatus,
        ["diskenableuuid"] = vm.DiskEnableUuid,
        ["nestedhvenabled"] = vm.NestedHvEnabled,
    };

    private static Dictionary<string, object?> Host(VsphereInventory inventory, EsxiHost host)
    {
        var cluster = inventory.FindCluster(host.ClusterId);
        var datacenter = cluster is null ? null : inventory.Datacenters.FirstOrDefault(d => d.Id == cluster.DatacenterId);
        return new Dictionary<string, object?>
        {
            ["host"] = new Dictionary<string, object?>
            {
                ["resource"] = Resource(host.Id, host.Name, host.Path, new ObjectRef("Cluster", host.ClusterId)),
                ["cluster"] = host.ClusterId,
                ["inmaintenancemode"] = host.InMaintenance,
                ["managementserverip"] = host.ManagementServerIp,
                ["thumbprint"] = host.Thumbprint,
                ["timezone"] = host.Timezone,
                ["cpusockets"] = host.CpuSockets,
                ["cpucores"] = host.CpuCores,
                ["productname"] = host.ProductName,
                ["productversion"] = host.ProductVersion,
            },
            ["cluster"] = new Dictionary<string, object?>
            {
                ["cluster"] = cluster is null ? null : new Dictionary<string, object?>
                {
                    ["resource"] = Resource(cluster.Id, cluster.Name, cluster.Path, null),
                    ["dasenabled"] = cluster.DasEnabled,
                    ["drsenabled"] = cluster.DrsEnabled,
                    ["drsbehavior"] = cluster.DrsBehavior,
                },
                ["datacenter"] = datacenter is null ? null : new Dictionary<string, object?>
                {
                    ["resource"] = Resource(datacenter.Id, datacenter.Name, datacenter.Path, null),
                },
            },
        };
    }

    /// <summary>resource.go Resource: id, variant, parent, path, revision, name, selflink.</summary>
    private static Dictionary<string, object?> Resource(string id, string name, string path, ObjectRef? parent) => new()
    {
        ["id"] = id,
        ["variant"] = "",
        ["parent"] = Ref(parent?.Kind ?? "", parent?.Id ?? ""),
        ["path"] = path,
        ["revision"] = 0,
        ["name"] = name,
        ["selflink"] = "",
    };

    private static Dictionary<string, object?> Ref(string kind, string id) => new() { ["kind"] = kind, ["id"] = id };

    /// <summary>A core/v1 ObjectReference as yaml.v2 keys it (kind, namespace, name, uid, …); the console's resources have no namespace.</summary>
    private static Dictionary<string, object?> ObjectReference(string kind, Guid? uid) => new()
    {
        ["kind"] = kind, ["namespace"] = "", ["name"] = "", ["uid"] = uid?.ToString() ?? "",
    };

    private static Dictionary<string, object?>? TransferNetwork(string? qualifiedName)
    {
        if (string.IsNullOrEmpty(qualifiedName)) return null;
        var slash = qualifiedName.IndexOf('/', StringComparison.Ordinal);
        return new Dictionary<string, object?>
        {
            ["kind"] = "NetworkAttachmentDefinition",
            ["namespace"] = slash < 0 ? "" : qualifiedName[..slash],
            ["name"] = slash < 0 ? qualifiedName : qualifiedName[(slash + 1)..],
            ["uid"] = "",
        };
    }

    private static string PowerStateName(PowerState state) => state switch
    {
        PowerState.PoweredOn => "poweredOn",
        PowerState.PoweredOff => "poweredOff",
        _ => "suspended",
    };
}
