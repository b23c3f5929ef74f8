using System.Text.RegularExpressions;
using MtvConsole.Core.Inventory;
using MtvConsole.Lab.Generation;

namespace MtvConsole.Lab.Tests.Generation;

public sealed class TopologyTests
{
    private readonly LabInventory _lab = LabInventoryGenerator.Generate(new LabOptions());

    private VsphereInventory Vsphere => _lab.Vsphere;

    [Fact]
    public void There_are_two_datacenters_with_folder_paths()
    {
        Assert.True(Vsphere.Datacenters.Count >= 2);
        Assert.Contains(Vsphere.Folders, f => f.Path == "/DC-East/vm/Production/Databases");
        Assert.All(Vsphere.Datacenters, d => Assert.Matches("^datacenter-\\d+$", d.Id));
    }

    [Fact]
    public void There_is_a_drs_ha_cluster_and_a_dpm_cluster_with_a_host_affinity_rule()
    {
        Assert.Contains(Vsphere.Clusters, c => c.DrsEnabled && c.DasEnabled);
        var dpm = Assert.Single(Vsphere.Clusters, c => c.DpmEnabled);
        Assert.NotEmpty(dpm.HostAffinityVmIds);
        Assert.All(dpm.HostAffinityVmIds, id => Assert.NotNull(Vsphere.FindVm(id)));
        Assert.All(Vsphere.Clusters, c => Assert.Matches("^domain-c\\d+$", c.Id));
    }

    [Fact]
    public void Hosts_have_a_1_gbps_management_and_a_10_gbps_jumbo_migration_adapter()
    {
        Assert.True(Vsphere.Hosts.Count >= 6);
        Assert.All(Vsphere.Hosts, host =>
        {
            Assert.Matches("^host-\\d+$", host.Id);
            Assert.Matches("^([0-9A-F]{2}:){19}[0-9A-F]{2}$", host.Thumbprint);
            Assert.Equal("VMware ESXi", host.ProductName);
            Assert.Matches("^[78]\\.0\\.\\d$", host.ProductVersion);
            Assert.StartsWith("/DC-", host.Path, StringComparison.Ordinal);
            var management = host.NetworkAdapters.Single(a => a.Name == "vmk0");
            var migration = host.NetworkAdapters.Single(a => a.Name == "vmk1");
            Assert.Equal((1000, 1500), (management.LinkSpeedMbps, management.Mtu));
            Assert.Equal((10000, 9000), (migration.LinkSpeedMbps, migration.Mtu));
            Assert.NotEqual(Subnet(management), Subnet(migration));
        });
        Assert.Equal(Vsphere.Hosts.Count, Vsphere.Hosts.Select(h => h.Thumbprint).Distinct().Count());
        Assert.Contains(Vsphere.Hosts, h => h.InMaintenance);
    }

    [Fact]
    public void Networks_include_standard_and_distributed_port_groups_and_the_switch()
    {
        Assert.Contains(Vsphere.Networks, n => n.Variant == NetworkVariant.Standard && n.Name == "VM Network" && Regex.IsMatch(n.Id, "^network-\\d+$"));
        Assert.Contains(Vsphere.Networks, n => n.Variant == NetworkVariant.Standard && n.Name == "DB-VLAN-120");
        var portGroup = Assert.Single(Vsphere.Networks, n => n.Variant == NetworkVariant.DvPortGroup && n.Path == "/DC-East/network/dvPG-Backup");
        Assert.Matches("^dvportgroup-\\d+$", portGroup.Id);
        Assert.Contains(Vsphere.Networks, n => n.Variant == NetworkVariant.DvSwitch && n.Id == portGroup.DvSwitchId);
    }

    [Fact]
    public void There_are_at_least_three_datastores()
    {
        Assert.True(Vsphere.Datastores.Count >= 3);
        Assert.Contains(Vsphere.Datastores, d => d.Name == "nfs-gold");
        Assert.All(Vsphere.Datastores, d => Assert.Matches("^datastore-\\d+$", d.Id));
    }

    [Fact]
    public void Vm_names_repeat_across_datacenters_and_across_folders()
    {
        var duplicates = Vsphere.Vms.GroupBy(v => v.Name).Where(g => g.Count() > 1).ToList();

        Assert.Contains(duplicates, g => g.Select(v => v.Path.Split('/')[1]).Distinct().Count() > 1);
        Assert.Contains(duplicates, g => g.Select(v => v.Path.Split('/')[1]).Distinct().Count() == 1);
    }

    [Fact]
    public void Vms_look_like_vsphere_vms()
    {
        Assert.All(Vsphere.Vms, vm =>
        {
            Assert.Matches("^vm-\\d+$", vm.Id);
            Assert.EndsWith("/" + vm.Name, vm.Path, StringComparison.Ordinal);
            Assert.InRange(vm.Disks.Count, 1, 4);
            Assert.InRange(vm.Nics.Count, 1, 3);
            Assert.All(vm.Disks, d => Assert.True(d.Key >= 2000 && d.ControllerKey >= 1000));
            Assert.All(vm.Disks.Where(d => d.DatastoreId != ""), d => Assert.StartsWith("[", d.File, StringComparison.Ordinal));
            Assert.Equal(0, vm.CpuCount % vm.CoresPerSocket);
        });
        Assert.Contains(Vsphere.Vms, vm => vm.GuestId == "rhel8_64Guest");
        Assert.Contains(Vsphere.Vms, vm => vm.GuestId == "windows2019srv_64Guest");
        Assert.True(Vsphere.Vms.Count(v => v.PowerState == PowerState.PoweredOn) > Vsphere.Vms.Count / 2);
    }

    [Fact]
    public void Target_has_namespaces_nads_storage_classes_and_conflicting_vms()
    {
        var target = _lab.Target;

        Assert.Contains(target.Namespaces, n => n.Name == "openshift-mtv");
        Assert.Contains(target.NetworkAttachmentDefinitions, n => n.QualifiedName == "vm-imports/prod-vlan-110");
        Assert.Contains(target.NetworkAttachmentDefinitions, n => n.QualifiedName == "default/migration-net");
        Assert.DoesNotContain(target.NetworkAttachmentDefinitions, n => n.Name.Contains("120", StringComparison.Ordinal));
        var rbd = Assert.Single(target.StorageClasses, s => s.IsDefault);
        Assert.Equal(("ocs-storagecluster-ceph-rbd", VolumeMode.Block, AccessMode.ReadWriteMany), (rbd.Name, rbd.DefaultVolumeMode, rbd.DefaultAccessMode));
        Assert.Contains(target.StorageClasses, s => s.Name == "gp3-csi" && s.VolumeBindingMode == "WaitForFirstConsumer");
        Assert.All(target.StorageClasses, s => Assert.True(s.ThroughputMBps > 0));
        var sourceNames = Vsphere.Vms.Select(v => v.Name.ToLowerInvariant()).ToHashSet();
        var sourceMacs = Vsphere.Vms.SelectMany(v => v.Nics).Select(n => n.Mac).ToHashSet();
        Assert.Contains(target.Vms, v => sourceNames.Contains(v.Name));
        Assert.Contains(target.Vms, v => v.Macs.Any(sourceMacs.Contains));
    }

    private static string Subnet(HostNetworkAdapter adapter)
    {
        var ip = adapter.IpAddress.Split('.').Select(int.Parse).ToArray();
        var mask = adapter.SubnetMask.Split('.').Select(int.Parse).ToArray();
        return string.Join('.', ip.Zip(mask, (a, m) => a & m));
    }
}
