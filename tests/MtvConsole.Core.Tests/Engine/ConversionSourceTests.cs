using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Core.Tests.Readiness;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>The libvirt source of a guest conversion, as upstream's getSourceDetails builds it (vpx path through vCenter, esx to a migration host).</summary>
public sealed class ConversionSourceTests
{
    private static readonly Provider Source = new()
    {
        Name = "vc", Type = ProviderType.Vsphere, Url = "https://vcenter.example.com/sdk", UserName = "administrator@vsphere.local",
        PinnedSha1 = "20:6C:8A:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01",
    };

    private static PlanContext Context(params MigrationNetworkHost[] hosts) => new(
        new Plan { Name = "p", TargetNamespace = "vm-imports" }, Source, new Provider { Name = "ocp", Type = ProviderType.OpenShift },
        null, null, new Dictionary<Guid, Hook>(), hosts);

    [Fact]
    public void Through_vcenter_the_url_is_vpx_with_the_hosts_path_without_the_host_folder_and_the_pinned_thumbprint()
    {
        var vm = SampleInventory.Vm("vm-1", "web-01");

        var source = ConversionSources.For(Context(), SampleInventory.Vsphere(vm), vm);

        Assert.Equal("vpx://administrator%40vsphere.local@vcenter.example.com/DC/Prod/esx1?no_verify=1", source.Url(Source.UserName));
        Assert.Equal(Source.PinnedSha1, source.Fingerprint);
    }

    [Fact]
    public void A_stand_alone_host_is_addressed_by_its_compute_resource_in_nested_folders()
    {
        var inventory = new VsphereInventory(
            [new Datacenter("datacenter-2", "Edge DC", "/Sites/Edge DC")],
            [], [],
            [new EsxiHost("host-9", "esx9.example.com", "/Sites/Edge DC/host/Branch/esx9.example.com/esx9.example.com", "", false, "", "CC", 1, 8, "VMware ESXi", "8.0", "UTC", [], [], [])],
            [], [], []);

        Assert.Equal("/Sites/Edge%20DC/Branch/esx9.example.com", ConversionSources.VpxPath(inventory, inventory.Hosts[0]));
    }

    [Fact]
    public void Through_a_ready_migration_network_the_url_is_esx_to_its_address_with_the_hosts_thumbprint_and_user()
    {
        var vm = SampleInventory.Vm("vm-1", "web-01");
        var host = new MigrationNetworkHost { Name = "esx1-net", ProviderId = Source.Id, HostRef = Ref.ById("host-1"), IpAddress = "192.168.50.11", UserName = "root" };
        host.Conditions.Add(new Condition { Type = ConditionTypes.Ready, Category = ConditionCategory.Required });

        var source = ConversionSources.For(Context(host), SampleInventory.Vsphere(vm), vm);

        Assert.Equal(("esx", "192.168.50.11", "", "AA", "root"), (source.Scheme, source.Server, source.Path, source.Fingerprint, source.User));
        Assert.Equal("esx://root@192.168.50.11?no_verify=1", source.Url("root"));
    }

    [Fact]
    public void The_conversion_pod_spec_names_the_vms_vddk_secret_and_leaves_local_migration_off()
    {
        var vm = SampleInventory.Vm("vm-1", "web-01");
        var context = Context();

        var spec = TargetSpecs.ConversionPod(context, SampleInventory.Vsphere(vm), vm, new Dictionary<string, string>());

        Assert.Equal(MigrationNames.VddkSecret(context.Plan, "vm-1"), spec.SecretName);
        Assert.Equal(ConversionSource.Vpx, spec.Source!.Scheme);
        Assert.False(spec.LocalMigration);
    }
}
