using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using static MtvConsole.Core.Tests.Readiness.SampleInventory;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// What the importer's DataVolumes say about their source: the endpoint, the thumbprint VDDK checks its certificate
/// against, whose credentials log in, and which file of the disk's snapshot chain is read.
/// </summary>
public sealed class TargetSpecsDataVolumeTests
{
    private readonly Provider _source = Source();
    private readonly Provider _destination = Destination();

    private PlanContext Context(bool warm, params MigrationNetworkHost[] hosts)
    {
        var storage = new StorageMap
        {
            Name = "sto", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id,
            Entries = [new StorageMapEntry(Ref.ById("datastore-1"), "ceph-rbd")],
        };
        var plan = new Plan
        {
            Name = "wave-1", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id, TargetNamespace = "apps", Warm = warm,
            Vms = [new PlanVm(Ref.ById("vm-1"), [])],
        };
        return new PlanContext(plan, _source, _destination, storage, null, new Dictionary<Guid, Hook>(), hosts);
    }

    private static VsphereVm WithSnapshots() => Vm("vm-1", "web") with
    {
        Disks = [new VmDisk(2000, "[ds] web/web-000002.vmdk", "datastore-1", 10L << 30, false, false, "scsi", "persistent", true, 1000, 0)],
    };

    private static MigrationNetworkHost ReadyHost(Guid providerId, string hostId)
    {
        var host = new MigrationNetworkHost { Name = "esx1-net", ProviderId = providerId, HostRef = Ref.ById(hostId), IpAddress = "10.10.0.11", UserName = "root" };
        host.Validate(Now, _ => { }, "The host is ready.");
        return host;
    }

    [Fact]
    public void Through_the_vcenter_the_data_volume_carries_the_pinned_vcenter_sha1_and_the_provider_credentials()
    {
        var spec = TargetSpecs.DataVolumes(Context(warm: false), Vsphere(Vm("vm-1", "web")), Vm("vm-1", "web"), new Dictionary<string, string>(), null).Single();

        Assert.Equal(_source.Url, spec.SourceUrl);
        Assert.Equal(Sha1, spec.Thumbprint);
        Assert.Null(spec.MigrationHostId);
    }

    [Fact]
    public void Through_a_host_migration_network_it_carries_the_host_thumbprint_and_that_host_credentials()
    {
        var host = ReadyHost(_source.Id, "host-1");
        var spec = TargetSpecs.DataVolumes(Context(warm: false, host), Vsphere(Vm("vm-1", "web")), Vm("vm-1", "web"), new Dictionary<string, string>(), null).Single();

        Assert.Equal("https://10.10.0.11/sdk", spec.SourceUrl);
        Assert.Equal("AA", spec.Thumbprint);
        Assert.Equal(host.Id, spec.MigrationHostId);
    }

    [Fact]
    public void A_cold_import_reads_the_top_of_the_snapshot_chain_and_a_warm_one_the_base_file()
    {
        var vm = WithSnapshots();

        var cold = TargetSpecs.DataVolumes(Context(warm: false), Vsphere(vm), vm, new Dictionary<string, string>(), null).Single();
        var warm = TargetSpecs.DataVolumes(Context(warm: true), Vsphere(vm), vm, new Dictionary<string, string>(), "snapshot-7").Single();

        Assert.Equal("[ds] web/web-000002.vmdk", cold.BackingFile);
        Assert.Equal("[ds] web/web.vmdk", warm.BackingFile);
    }
}
