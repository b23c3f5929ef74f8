using MtvConsole.FakeKube;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>A fake cluster seeded like a small OpenShift Virtualization install, and the adapter pointed at it.</summary>
internal static class FakeClusterFixture
{
    public const string ImmediateClass = "ocs-storagecluster-ceph-rbd";
    public const string WffcClass = "gp3-csi";

    /// <summary>A VDDK init image the fake cluster's nodes can pull, with the VDDK library in it.</summary>
    public const string VddkImage = "registry.example.com/vddk:8.0.3";

    public static async Task<FakeCluster> StartSeededAsync()
    {
        var cluster = await FakeCluster.StartAsync();
        cluster.Images.AddVddk(VddkImage);
        cluster.AddNamespace("default");
        cluster.AddNamespace("prod-apps");
        cluster.AddNamespace("openshift-mtv");
        cluster.AddStorageClass(ImmediateClass, "Immediate", "Block", "ReadWriteMany", isDefault: true);
        cluster.AddStorageClass(WffcClass, "WaitForFirstConsumer", "Filesystem", "ReadWriteOnce");
        cluster.AddNad("openshift-mtv", "transfer", """{"cniVersion":"0.3.1","type":"macvlan","ipam":{"type":"whereabouts","range":"10.10.0.0/24","routes":[{"dst":"0.0.0.0/0","gw":"10.10.0.1"}]}}""");
        cluster.AddNad("prod-apps", "vlan-100");
        cluster.AddVm("prod-apps", "legacy-crm-restored", "00:50:56:aa:00:01");
        return cluster;
    }

    public static KubeVirtTargetCluster Adapter(FakeCluster cluster, FixedCredentials? credentials = null) =>
        new(cluster.Client(), credentials ?? new FixedCredentials(), new KubeVirtOptions { VirtV2vImage = "registry.example.com/virt-v2v:2.8" });
}
