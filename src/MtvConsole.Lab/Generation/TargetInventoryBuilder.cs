using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>
/// Builds the simulated OpenShift side: namespaces, NADs (deliberately none for DB-VLAN-120), storage classes
/// with throughput, and existing KubeVirt VMs that conflict by name and by MAC with source VMs.
/// </summary>
internal static class TargetInventoryBuilder
{
    public const string NameConflictNamespace = "vm-imports";
    public const string MacConflictNamespace = "prod-apps";

    /// <summary>How many of the first ordinary source VMs (no concern slot) the name and MAC conflicts use.</summary>
    public const int ConflictingOrdinaryVms = 2;

    public static TargetInventory Build(IReadOnlyList<VsphereVm> sourceVms)
    {
        string[] namespaces = ["default", "openshift-mtv", "openshift-cnv", "vm-imports", "prod-apps", "db-apps", "dev"];
        var nads = new List<NetworkAttachmentDefinition>
        {
            Bridge("vm-imports", "prod-vlan-110", 110),
            Bridge("vm-imports", "vm-network", 0),
            Bridge("vm-imports", "dmz", 30),
            Bridge("prod-apps", "prod-vlan-110", 110),
            Bridge("prod-apps", "backup", 200),
            new("default", "migration-net",
                """{"cniVersion":"0.3.1","name":"migration-net","type":"macvlan","master":"ens5f1","mode":"bridge","mtu":9000,"ipam":{"type":"whereabouts","range":"172.16.200.0/24","routes":[{"dst":"0.0.0.0/0","gw":"172.16.200.1"}]}}"""),
            new("openshift-mtv", "migration-net",
                """{"cniVersion":"0.3.1","name":"migration-net","type":"macvlan","master":"ens5f1","mode":"bridge","mtu":9000,"ipam":{"type":"whereabouts","range":"172.16.201.0/24"}}"""),
        };
        var storageClasses = new List<StorageClass>
        {
            new("ocs-storagecluster-ceph-rbd", "openshift-storage.rbd.csi.ceph.com", true, VolumeMode.Block, AccessMode.ReadWriteMany, "Immediate", 800),
            new("ocs-storagecluster-cephfs", "openshift-storage.cephfs.csi.ceph.com", false, VolumeMode.Filesystem, AccessMode.ReadWriteMany, "Immediate", 500),
            new("gp3-csi", "ebs.csi.aws.com", false, VolumeMode.Filesystem, AccessMode.ReadWriteOnce, "WaitForFirstConsumer", 250),
            new("local-nvme", "kubernetes.io/no-provisioner", false, VolumeMode.Block, AccessMode.ReadWriteOnce, "WaitForFirstConsumer", 2000),
        };

        var ordinary = Enumerable.Range(0, sourceVms.Count)
            .Where(i => ConcernSlots.ForIndex(i) is null)
            .Take(ConflictingOrdinaryVms)
            .Select(i => sourceVms[i])
            .ToArray();
        var vms = new List<TargetVm>
        {
            new("dev", "fedora-toolbox", ["02:7c:1a:00:00:01"], true),
            new("prod-apps", "rhel9-bastion", ["02:7c:1a:00:00:02"], true),
        };
        if (ordinary.Length > 0)
        {
            vms.Add(new TargetVm(NameConflictNamespace, ordinary[0].Name.ToLowerInvariant(), ["02:7c:1a:00:00:03"], false));
        }

        if (ordinary.Length > 1)
        {
            vms.Add(new TargetVm(MacConflictNamespace, "legacy-crm-restored", [ordinary[1].Nics[0].Mac], true));
        }

        return new TargetInventory(namespaces.Select(n => new TargetNamespace(n)).ToArray(), nads, storageClasses, vms);
    }

    private static NetworkAttachmentDefinition Bridge(string ns, string name, int vlan) =>
        new(ns, name, $$"""{"cniVersion":"0.3.1","name":"{{name}}","type":"cnv-bridge","bridge":"br1","vlan":{{vlan}},"macspoofchk":true}""");
}
