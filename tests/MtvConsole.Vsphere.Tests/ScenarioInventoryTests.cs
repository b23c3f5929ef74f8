using MtvConsole.Core.Inventory;
using MtvConsole.Core.Validation;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests;

/// <summary>The planted scenario VMs read back with the right inventory fields, and Core's validation raises the right concerns on them.</summary>
public sealed class ScenarioInventoryTests(ScenarioSimulator fixture) : IClassFixture<ScenarioSimulator>, IAsyncLifetime
{
    private VsphereSourceProvider _provider = null!;
    private VsphereInventory _inventory = null!;

    public async Task InitializeAsync()
    {
        _provider = new VsphereSourceProvider(fixture.Sim.Options(), TimeProvider.System) { PageSize = 7 };
        _inventory = await _provider.GetInventoryAsync();
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private VsphereVm Vm(string role) => _inventory.FindVm(fixture.Sim.Role(role).Id) ?? throw new KeyNotFoundException(role);

    private IReadOnlyList<string> ConcernIds(string role) =>
        new ValidationService(new InMemoryConcernStore(), TimeProvider.System)
            .Validate(new WorkloadBuilder(_inventory).Build(Vm(role))).Concerns.Select(c => c.Id).ToList();

    [Fact]
    public void Topology_is_complete_with_paths_clusters_hosts_networks_and_datastores()
    {
        Assert.Equal(80, _inventory.Vms.Count);
        var datacenter = Assert.Single(_inventory.Datacenters);
        Assert.Equal("/DC0", datacenter.Path);
        var cluster = Assert.Single(_inventory.Clusters);
        Assert.Equal("/DC0/host/DC0_C0", cluster.Path);
        Assert.Equal(datacenter.Id, cluster.DatacenterId);
        Assert.Equal(3, cluster.HostIds.Count);
        Assert.Equal(4, _inventory.Hosts.Count);
        Assert.Contains(_inventory.Hosts, h => h.ClusterId == cluster.Id && h.Path == "/DC0/host/DC0_C0/DC0_C0_H0");
        Assert.Contains(_inventory.Hosts, h => h.ClusterId == "");
        Assert.Contains(_inventory.Networks, n => n.Variant == NetworkVariant.Standard && n.Name == "VM Network");
        Assert.Contains(_inventory.Networks, n => n.Variant == NetworkVariant.DvSwitch && n.Name == "DVS0");
        var portGroup = Assert.Single(_inventory.Networks, n => n.Variant == NetworkVariant.DvPortGroup && n.Name == "DC0_DVPG0");
        Assert.Equal(_inventory.Networks.Single(n => n.Name == "DVS0").Id, portGroup.DvSwitchId);
        var datastore = Assert.Single(_inventory.Datastores);
        Assert.True(datastore.CapacityBytes > 0 && datastore.FreeBytes > 0);
        Assert.Contains(_inventory.Folders, f => f.Path == "/DC0/vm" && f.Children.Count > 0);
        var vm = Vm("healthy");
        Assert.Equal($"/DC0/vm/{vm.Name}", vm.Path);
        Assert.Equal(_inventory.Folders.Single(f => f.Path == "/DC0/vm").Id, vm.FolderId);
    }

    [Fact]
    public void Hosts_carry_vmkernel_adapters_thumbprint_cpu_and_product()
    {
        var host = _inventory.Hosts.First(h => h.ClusterId != "");
        var vmk = Assert.Single(host.NetworkAdapters);
        Assert.Equal("vmk0", vmk.Name);
        Assert.False(string.IsNullOrEmpty(vmk.IpAddress));
        Assert.False(string.IsNullOrEmpty(vmk.SubnetMask));
        Assert.Equal(1500, vmk.Mtu);
        Assert.True(vmk.LinkSpeedMbps > 0);
        Assert.Matches("^([0-9A-F]{2}:){19}[0-9A-F]{2}$", host.Thumbprint);
        Assert.True(host.CpuCores > 0 && host.CpuSockets > 0);
        Assert.Equal("VMware ESXi", host.ProductName);
        Assert.False(host.InMaintenance);
        Assert.NotEmpty(host.DatastoreIds);
        Assert.NotEmpty(host.NetworkIds);
    }

    [Fact]
    public void A_healthy_vm_has_disks_nics_guest_and_cbt()
    {
        var vm = Vm("healthy");
        Assert.Equal(PowerState.PoweredOn, vm.PowerState);
        Assert.True(vm.ChangeTrackingEnabled);
        Assert.Equal("toolsOk", vm.ToolsStatus);
        Assert.Equal("rhel9_64Guest", vm.GuestId);
        Assert.Equal("Red Hat Enterprise Linux 9 (64-bit)", vm.GuestNameFromVmwareTools);
        Assert.Matches(@"^10\.20\.[0-9]+\.[0-9]+$", vm.IpAddress); // guest.ipAddress: where hooks log in (workload.vm.ipaddress)
        Assert.Matches("^[0-9a-f-]{36}$", vm.Uuid);
        Assert.NotEqual("", vm.HostId);
        Assert.NotNull(_inventory.FindHost(vm.HostId));
        var disk = Assert.Single(vm.Disks);
        Assert.Equal("scsi", disk.Bus);
        Assert.Equal(1024 * 1024, disk.CapacityBytes);
        Assert.EndsWith("/disk1.vmdk", disk.File, StringComparison.Ordinal);
        Assert.Equal(_inventory.Datastores[0].Id, disk.DatastoreId);
        Assert.True(disk.ChangeTrackingEnabled);
        Assert.False(disk.Shared || disk.Rdm);
        var nic = Assert.Single(vm.Nics);
        Assert.Matches("^00:0c:29:", nic.Mac);
        Assert.NotNull(_inventory.Networks.SingleOrDefault(n => n.Id == nic.NetworkId));
        Assert.DoesNotContain("vmware.changed_block_tracking.disabled", ConcernIds("healthy"));
        Assert.DoesNotContain(ConcernIds("healthy"), id => id is "vmware.disk.rdm.detected" or "vmware.passthrough_device.detected" or "vmware.snapshot.detected");
    }

    [Fact]
    public void Disks_carry_their_backing_uuid()
    {
        Assert.All(Vm("healthy").Disks, d => Assert.Matches("^6000C29[0-9a-f]-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", d.Uuid));
        Assert.NotEqual(Vm("healthy").Disks[0].Uuid, Vm("snapshot").Disks[0].Uuid);
    }

    [Fact]
    public void The_boot_disk_is_read_from_the_boot_order_and_the_target_vm_boots_from_it_though_it_is_not_first()
    {
        var vm = Vm("boot-nvme");

        var boot = vm.Disks.Single(d => d.Key == vm.BootDiskKey);
        Assert.Equal("nvme", boot.Bus);
        Assert.NotEqual(boot.Key, MtvConsole.Core.Engine.TargetDiskOrder.Sorted(vm)[0].Key);
        Assert.Equal(boot, MtvConsole.Core.Engine.TargetDiskOrder.BootDisk(vm));
        Assert.Null(Vm("healthy").BootDiskKey);
    }

    [Fact]
    public void Rdm_disk_is_read_with_its_mode_and_raises_the_rdm_concern()
    {
        var rdm = Assert.Single(Vm("rdm").Disks, d => d.Rdm);
        Assert.Equal("independent_persistent", rdm.Mode);
        Assert.Equal(10L << 30, rdm.CapacityBytes);
        Assert.Contains("vmware.disk.rdm.detected", ConcernIds("rdm"));
        Assert.Contains("vmware.disk_mode.independent", ConcernIds("rdm"));
    }

    [Fact]
    public void Multi_writer_disk_on_a_sharing_bus_is_shared()
    {
        var vm = Vm("shared");
        Assert.Equal(2, vm.Disks.Count);
        Assert.Single(vm.Disks, d => d.Shared);
        Assert.Contains("vmware.disk.shared.detected", ConcernIds("shared"));
    }

    [Fact]
    public void Passthrough_and_vgpu_devices_are_critical_concerns()
    {
        Assert.Contains(Vm("passthrough").Devices, d => d.Kind == DeviceKinds.PciPassthrough);
        Assert.Contains("vmware.passthrough_device.detected", ConcernIds("passthrough"));
        Assert.Contains(Vm("vgpu").Devices, d => d.Kind == DeviceKinds.PciPassthrough);
        Assert.Contains("vmware.passthrough_device.detected", ConcernIds("vgpu"));
    }

    [Fact]
    public void Cpu_and_numa_affinity_and_the_vm_host_rule_are_read()
    {
        var vm = Vm("vgpu");
        Assert.Equal([0, 1], vm.CpuAffinity);
        Assert.Equal([0], vm.NumaNodeAffinity);
        var cluster = _inventory.FindCluster(_inventory.FindHost(vm.HostId)!.ClusterId)!;
        Assert.Equal([vm.Id], cluster.HostAffinityVmIds);
        var concerns = ConcernIds("vgpu");
        Assert.Contains("vmware.cpu_affinity.detected", concerns);
        Assert.Contains("vmware.numa_affinity.detected", concerns);
        Assert.Contains("vmware.host_affinity.detected", concerns);
        Assert.DoesNotContain("vmware.host_affinity.detected", ConcernIds("healthy"));
    }

    [Fact]
    public void Cluster_drs_ha_and_dpm_are_read_and_reported()
    {
        var cluster = Assert.Single(_inventory.Clusters);
        Assert.True(cluster.DrsEnabled);
        Assert.True(cluster.DasEnabled);
        Assert.True(cluster.DpmEnabled);
        Assert.Equal("fullyAutomated", cluster.DrsBehavior);
        var concerns = ConcernIds("healthy");
        Assert.Contains("vmware.drs.enabled", concerns);
        Assert.Contains("vmware.ha.enabled", concerns);
        Assert.Contains("vmware.dpm.enabled", concerns);
    }

    [Fact]
    public void Efi_with_secure_boot_on_windows_is_read()
    {
        var vm = Vm("secureboot");
        Assert.Equal("efi", vm.Firmware);
        Assert.True(vm.SecureBoot);
        Assert.Equal("windows9Server64Guest", vm.GuestId);
        Assert.Contains("vmware.uefi.secure_boot.detected", ConcernIds("secureboot"));
        Assert.DoesNotContain("vmware.uefi.detected", ConcernIds("secureboot"));
    }

    [Fact]
    public void Snapshots_power_state_cbt_and_tools_are_read()
    {
        Assert.Equal("VirtualMachineSnapshot", Vm("snapshot").Snapshot?.Kind);
        Assert.Contains("vmware.snapshot.detected", ConcernIds("snapshot"));
        var off = Vm("off-snapshot");
        Assert.Equal(PowerState.PoweredOff, off.PowerState);
        Assert.True(off.ChangeTrackingEnabled);
        Assert.NotNull(off.Snapshot);
        Assert.False(Vm("cbt-off").ChangeTrackingEnabled);
        Assert.All(Vm("cbt-off").Disks, d => Assert.False(d.ChangeTrackingEnabled));
        Assert.Contains("vmware.changed_block_tracking.disabled", ConcernIds("cbt-off"));
        Assert.Equal("toolsNotInstalled", Vm("no-tools").ToolsStatus);
        Assert.Equal("", Vm("no-tools").IpAddress);
    }

    // As on vSphere, a VM with a snapshot writes to a delta: the disk's current file is the top of the chain, which a
    // cold import must read (kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/utils.go: baseVolume).
    [Fact]
    public void A_vm_with_a_snapshot_reports_its_delta_disk_as_the_current_file()
    {
        Assert.All(Vm("snapshot").Disks.Where(d => !d.Rdm), d => Assert.EndsWith("/disk1-000001.vmdk", d.File, StringComparison.Ordinal));
        Assert.All(Vm("off-snapshot").Disks, d => Assert.EndsWith("-000001.vmdk", d.File, StringComparison.Ordinal));
        Assert.EndsWith("/disk1.vmdk", Vm("no-tools").Disks[0].File, StringComparison.Ordinal);
    }
}
