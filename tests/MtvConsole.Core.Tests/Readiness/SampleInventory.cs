using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Readiness;

/// <summary>A small vCenter and cluster with known objects, and ready providers, for validator tests.</summary>
internal static class SampleInventory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static Provider Source() => Ready(new Provider { Name = "vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, PinnedSha1 = Sha1 });

    /// <summary>The vCenter certificate's pinned SHA-1, which the importer's DataVolumes carry.</summary>
    public const string Sha1 = "5C:1A:0B:7E:33:90:AF:12:64:C8:DE:21:9F:4B:70:E3:88:16:2D:A5";

    public static Provider Destination() => Ready(new Provider { Name = "host", Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab });

    private static Provider Ready(Provider provider)
    {
        ProviderValidation.Apply(provider, new ConnectionResult(true, null, true), Now);
        return provider;
    }

    public static VsphereVm Vm(string id, string name, string network = "network-1", string datastore = "datastore-1", string host = "host-1", bool cbt = true) => new()
    {
        Id = id, Name = name, Path = $"/DC/vm/{name}", Uuid = id, FolderId = "group-v3", HostId = host, ChangeTrackingEnabled = cbt,
        Nics = [new VmNic(network, $"00:50:56:00:00:{id.Length:x2}", 0)],
        Disks = [new VmDisk(2000, $"[ds] {name}/{name}.vmdk", datastore, 10L << 30, false, false, "scsi", "persistent", cbt, 1000, 0)],
    };

    public static VsphereInventory Vsphere(params VsphereVm[] vms) => new(
        [new Datacenter("datacenter-1", "DC", "/DC")],
        [new Folder("group-v3", "vm", "/DC/vm", null, [])],
        [new Cluster("domain-c1", "Prod", "/DC/host/Prod", "datacenter-1", false, false, "", false, [], ["host-1", "host-2"])],
        [
            new EsxiHost("host-1", "esx1", "/DC/host/Prod/esx1", "domain-c1", false, "10.0.0.1", "AA", 2, 16, "VMware ESXi", "8.0", "UTC", [], [], []),
            new EsxiHost("host-2", "esx2", "/DC/host/Prod/esx2", "domain-c1", true, "10.0.0.1", "BB", 2, 16, "VMware ESXi", "8.0", "UTC", [], [], []),
        ],
        [
            new Network("network-1", "VM Network", "/DC/network/VM Network", NetworkVariant.Standard, null, null),
            new Network("network-2", "DB", "/DC/network/DB", NetworkVariant.Standard, null, 120),
            new Network("dvportgroup-3", "DB", "/DC/network/dvs/DB", NetworkVariant.DvPortGroup, "dvs-1", 120),
        ],
        [
            new Datastore("datastore-1", "gold", "/DC/datastore/gold", "NFS", 1L << 40, 1L << 39, false),
            new Datastore("datastore-2", "silver", "/DC/datastore/silver", "VMFS", 1L << 40, 1L << 39, false),
        ],
        vms);

    public static TargetInventory Target(params NetworkAttachmentDefinition[] nads) => new(
        [new TargetNamespace("default"), new TargetNamespace("apps")],
        nads,
        [new StorageClass("ceph-rbd", "rbd.csi.ceph.com", true, VolumeMode.Block, AccessMode.ReadWriteMany, "Immediate", 800)],
        [new TargetVm("apps", "taken", ["00:50:56:ff:ff:ff"], true)]);
}
