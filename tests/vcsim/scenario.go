package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// plantedVM names a scenario VM in the ready file: the tests look VMs up by role.
type plantedVM struct {
	Name string `json:"name"`
	ID   string `json:"id"`
}

// The roles of the first VMs of the first cluster (sorted by name, numbers in order).
var roles = []string{
	"healthy",      // 0: CBT, tools running, nothing special
	"snapshot",     // 1: has a snapshot
	"rdm",          // 2: a physical-mode RDM disk (read-only: the 0.24 simulator panics on reconfiguring it)
	"shared",       // 3: a multi-writer disk on a physical bus-sharing controller
	"passthrough",  // 4: a DirectPath PCI device
	"vgpu",         // 5: an NVIDIA vGPU, CPU affinity 0,1 and NUMA node affinity 0; in the cluster's VM-Host rule
	"secureboot",   // 6: Windows with EFI and secure boot
	"off-snapshot", // 7: powered off, CBT on, with a snapshot
	"cbt-off",      // 8: running without changed block tracking
	"no-tools",     // 9: running without VMware Tools
	"boot-nvme",    // 10: boots (config.bootOptions.bootOrder) from an NVMe disk added after its SCSI disk
}

// plant sets every VM up as a typical guest (RHEL 9, tools running, CBT on) and then plants the special VMs.
func plant(ctx context.Context, u *url.URL, thumbprint string) (map[string]plantedVM, error) {
	for _, e := range simulator.Map.All("HostSystem") {
		host := e.(*simulator.HostSystem)
		simulator.Map.WithLock(host, func() {
			// The hosts answer on the simulator's own address, so their thumbprint is the simulator's.
			host.Summary.Config.SslThumbprint = thumbprint
		})
	}
	byName := map[string]*simulator.VirtualMachine{}
	var names []string
	for _, e := range simulator.Map.All("VirtualMachine") {
		vm := e.(*simulator.VirtualMachine)
		byName[vm.Name] = vm
		names = append(names, vm.Name)
		typical(vm)
	}
	sort.Slice(names, func(i, j int) bool { return lessNatural(names[i], names[j]) })

	planted := map[string]plantedVM{}
	var first []*simulator.VirtualMachine
	for _, name := range names {
		if strings.Contains(name, "_C0_") && len(first) < len(roles) {
			first = append(first, byName[name])
		}
	}
	if len(first) < len(roles) {
		return nil, fmt.Errorf("the scenario needs %d VMs in the first cluster, the model has %d", len(roles), len(first))
	}
	for i, role := range roles {
		planted[role] = plantedVM{Name: first[i].Name, ID: first[i].Self.Value}
	}

	client, err := govmomi.NewClient(ctx, u, true)
	if err != nil {
		return nil, err
	}
	defer func() { _ = client.Logout(ctx) }()
	vmObject := func(role string) *object.VirtualMachine {
		return object.NewVirtualMachine(client.Client, first[indexOf(role)].Self)
	}
	reconfigure := func(role string, spec types.VirtualMachineConfigSpec) error {
		task, err := vmObject(role).Reconfigure(ctx, spec)
		if err != nil {
			return err
		}
		return task.Wait(ctx)
	}
	snapshot := func(role string) error {
		task, err := vmObject(role).CreateSnapshot(ctx, "before-upgrade", "taken by the scenario", false, false)
		if err != nil {
			return err
		}
		return task.Wait(ctx)
	}

	if err := snapshot("snapshot"); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	addRdm(first[indexOf("rdm")])
	if err := addSharedDisk(ctx, vmObject("shared")); err != nil {
		return nil, fmt.Errorf("shared disk: %w", err)
	}
	if err := vmObject("passthrough").AddDevice(ctx, &types.VirtualPCIPassthrough{VirtualDevice: types.VirtualDevice{
		Key: -200,
		Backing: &types.VirtualPCIPassthroughDeviceBackingInfo{
			VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{DeviceName: "NVIDIA T4"},
			Id:                             "0000:3b:02.0", DeviceId: "1eb8", SystemId: "5f3a9b2c-1d2e-4f5a-8b7c-0a1b2c3d4e5f", VendorId: 0x10de,
		},
	}}); err != nil {
		return nil, fmt.Errorf("passthrough: %w", err)
	}
	if err := vmObject("vgpu").AddDevice(ctx, &types.VirtualPCIPassthrough{VirtualDevice: types.VirtualDevice{
		Key:     -201,
		Backing: &types.VirtualPCIPassthroughVmiopBackingInfo{Vgpu: "grid_t4-4q"},
	}}); err != nil {
		return nil, fmt.Errorf("vgpu: %w", err)
	}
	if err := reconfigure("vgpu", types.VirtualMachineConfigSpec{
		CpuAffinity: &types.VirtualMachineAffinityInfo{AffinitySet: []int32{0, 1}},
		ExtraConfig: []types.BaseOptionValue{&types.OptionValue{Key: "numa.nodeAffinity", Value: "0"}},
	}); err != nil {
		return nil, fmt.Errorf("affinity: %w", err)
	}
	if err := reconfigure("secureboot", types.VirtualMachineConfigSpec{
		Firmware:    string(types.GuestOsDescriptorFirmwareTypeEfi),
		GuestId:     "windows9Server64Guest",
		BootOptions: &types.VirtualMachineBootOptions{EfiSecureBootEnabled: types.NewBool(true)},
	}); err != nil {
		return nil, fmt.Errorf("secure boot: %w", err)
	}
	windows(first[indexOf("secureboot")])
	offTask, err := vmObject("off-snapshot").PowerOff(ctx)
	if err == nil {
		err = offTask.Wait(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("power off: %w", err)
	}
	toolsNotRunning(first[indexOf("off-snapshot")])
	if err := snapshot("off-snapshot"); err != nil {
		return nil, fmt.Errorf("snapshot of the powered-off VM: %w", err)
	}
	setCbt(first[indexOf("cbt-off")], false)
	noTools(first[indexOf("no-tools")])
	clusterSettings(first[indexOf("vgpu")])
	if err := bootFromNvme(ctx, vmObject("boot-nvme")); err != nil {
		return nil, fmt.Errorf("nvme boot disk: %w", err)
	}
	for _, name := range names {
		diskUuids(byName[name])
	}
	return planted, nil
}

// bootFromNvme adds an NVMe controller with a disk and makes that disk the first boot device, as vSphere
// records it: config.bootOptions.bootOrder = [VirtualMachineBootOptionsBootableDiskDevice{deviceKey}].
func bootFromNvme(ctx context.Context, vm *object.VirtualMachine) error {
	devices, err := vm.Device(ctx)
	if err != nil {
		return err
	}
	controller, err := devices.CreateNVMEController()
	if err != nil {
		return err
	}
	if err := vm.AddDevice(ctx, controller); err != nil {
		return err
	}
	if devices, err = vm.Device(ctx); err != nil {
		return err
	}
	nvme, err := devices.FindNVMEController("")
	if err != nil {
		return err
	}
	var datastore types.ManagedObjectReference
	for _, d := range devices {
		if disk, ok := d.(*types.VirtualDisk); ok {
			if b, ok := disk.Backing.(*types.VirtualDiskFlatVer2BackingInfo); ok && b.Datastore != nil {
				datastore = *b.Datastore
			}
		}
	}
	disk := devices.CreateDisk(nvme, datastore, "")
	disk.CapacityInKB = 4096
	if err := vm.AddDevice(ctx, disk); err != nil {
		return err
	}
	if devices, err = vm.Device(ctx); err != nil {
		return err
	}
	var boot int32
	for _, d := range devices.SelectByType((*types.VirtualDisk)(nil)) {
		if d.GetVirtualDevice().ControllerKey == nvme.Key {
			boot = d.GetVirtualDevice().Key
		}
	}
	if boot == 0 {
		return fmt.Errorf("the NVMe disk was not added")
	}
	task, err := vm.Reconfigure(ctx, types.VirtualMachineConfigSpec{BootOptions: &types.VirtualMachineBootOptions{
		BootOrder: []types.BaseVirtualMachineBootOptionsBootableDevice{&types.VirtualMachineBootOptionsBootableDiskDevice{DeviceKey: boot}},
	}})
	if err != nil {
		return err
	}
	return task.Wait(ctx)
}

// diskUuids gives every disk the backing.uuid vCenter assigns to each virtual disk (the 0.24 simulator leaves it
// empty), in vCenter's format 6000C29x-xxxx-xxxx-xxxx-xxxxxxxxxxxx, derived from the VM's UUID and the disk key.
func diskUuids(vm *simulator.VirtualMachine) {
	simulator.Map.WithLock(vm, func() {
		for _, d := range vm.Config.Hardware.Device {
			disk, ok := d.(*types.VirtualDisk)
			if !ok {
				continue
			}
			hex := fmt.Sprintf("6000C29%x", sha256.Sum256([]byte(fmt.Sprintf("%s:%d", vm.Config.Uuid, disk.Key))))[:32]
			uuid := fmt.Sprintf("%s-%s-%s-%s-%s", hex[:8], hex[8:12], hex[12:16], hex[16:20], hex[20:32])
			switch b := disk.Backing.(type) {
			case *types.VirtualDiskFlatVer2BackingInfo:
				if b.Uuid == "" {
					b.Uuid = uuid
				}
			case *types.VirtualDiskRawDiskMappingVer1BackingInfo:
				if b.Uuid == "" {
					b.Uuid = uuid
				}
			}
		}
	})
}

func indexOf(role string) int {
	for i, r := range roles {
		if r == role {
			return i
		}
	}
	panic("unknown role " + role)
}

// lessNatural orders "VM2" before "VM10".
func lessNatural(a, b string) bool {
	ta, na := splitNumber(a)
	tb, nb := splitNumber(b)
	if ta != tb {
		return ta < tb
	}
	return na < nb
}

func splitNumber(s string) (string, int) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n := 0
	for _, c := range s[i:] {
		n = n*10 + int(c-'0')
	}
	return s[:i], n
}

func typical(vm *simulator.VirtualMachine) {
	simulator.Map.WithLock(vm, func() {
		on := vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn
		vm.Config.ChangeTrackingEnabled = types.NewBool(true)
		vm.Config.GuestId = "rhel9_64Guest"
		vm.Config.GuestFullName = "Red Hat Enterprise Linux 9 (64-bit)"
		vm.Summary.Config.GuestId = vm.Config.GuestId
		vm.Summary.Config.GuestFullName = vm.Config.GuestFullName
		vm.Guest.GuestId = vm.Config.GuestId
		vm.Guest.GuestFullName = vm.Config.GuestFullName
		vm.Summary.Guest.GuestId = vm.Config.GuestId
		vm.Summary.Guest.GuestFullName = vm.Config.GuestFullName
		vm.Guest.HostName = strings.ToLower(strings.ReplaceAll(vm.Name, "_", "-")) + ".sim.local"
		vm.Summary.Guest.HostName = vm.Guest.HostName
		vm.Guest.ToolsVersion = "12352"
		if on {
			vm.Guest.ToolsStatus = types.VirtualMachineToolsStatusToolsOk
			vm.Guest.ToolsRunningStatus = string(types.VirtualMachineToolsRunningStatusGuestToolsRunning)
			// VMware Tools reports the guest's primary address (guest.ipAddress); hooks log in to the VM there
			// (kubev2v/forklift d42511bb2 docs/hooks.md: add_host "{{ workload.vm.ipaddress }}"). The 0.24
			// simulator reports none for VMs without a container, so the scenario gives each one from its MoRef.
			n, _ := strconv.Atoi(strings.TrimPrefix(vm.Self.Value, "vm-"))
			vm.Guest.IpAddress = fmt.Sprintf("10.20.%d.%d", n/250, n%250+1)
			vm.Summary.Guest.IpAddress = vm.Guest.IpAddress
		} else {
			vm.Guest.ToolsStatus = types.VirtualMachineToolsStatusToolsNotRunning
			vm.Guest.ToolsRunningStatus = string(types.VirtualMachineToolsRunningStatusGuestToolsNotRunning)
		}
		vm.Summary.Guest.ToolsStatus = vm.Guest.ToolsStatus
		vm.Summary.Guest.ToolsRunningStatus = vm.Guest.ToolsRunningStatus
	})
}

func windows(vm *simulator.VirtualMachine) {
	simulator.Map.WithLock(vm, func() {
		vm.Config.GuestFullName = "Microsoft Windows Server 2016 or later (64-bit)"
		vm.Summary.Config.GuestFullName = vm.Config.GuestFullName
		vm.Guest.GuestId = "windows9Server64Guest"
		vm.Guest.GuestFullName = vm.Config.GuestFullName
		vm.Summary.Guest.GuestId = vm.Guest.GuestId
		vm.Summary.Guest.GuestFullName = vm.Config.GuestFullName
		vm.Guest.HostName = "WIN-SECUREBOOT"
		vm.Summary.Guest.HostName = vm.Guest.HostName
	})
}

func toolsNotRunning(vm *simulator.VirtualMachine) {
	simulator.Map.WithLock(vm, func() {
		vm.Guest.ToolsStatus = types.VirtualMachineToolsStatusToolsNotRunning
		vm.Guest.ToolsRunningStatus = string(types.VirtualMachineToolsRunningStatusGuestToolsNotRunning)
		vm.Summary.Guest.ToolsStatus = vm.Guest.ToolsStatus
		vm.Summary.Guest.ToolsRunningStatus = vm.Guest.ToolsRunningStatus
	})
}

func noTools(vm *simulator.VirtualMachine) {
	simulator.Map.WithLock(vm, func() {
		vm.Guest.ToolsStatus = types.VirtualMachineToolsStatusToolsNotInstalled
		vm.Guest.ToolsRunningStatus = string(types.VirtualMachineToolsRunningStatusGuestToolsNotRunning)
		vm.Guest.ToolsVersion = "0"
		vm.Summary.Guest.ToolsStatus = vm.Guest.ToolsStatus
		vm.Summary.Guest.ToolsRunningStatus = vm.Guest.ToolsRunningStatus
		// Without VMware Tools vCenter knows no guest address.
		vm.Guest.IpAddress = ""
		vm.Summary.Guest.IpAddress = ""
	})
}

func setCbt(vm *simulator.VirtualMachine, on bool) {
	simulator.Map.WithLock(vm, func() { vm.Config.ChangeTrackingEnabled = types.NewBool(on) })
}

// addRdm puts a physical-mode RDM disk straight into the device list: adding it through ReconfigVM makes
// the 0.24 simulator panic in updateDiskLayouts.
func addRdm(vm *simulator.VirtualMachine) {
	simulator.Map.WithLock(vm, func() {
		var controller int32
		for _, d := range vm.Config.Hardware.Device {
			if c, ok := d.(types.BaseVirtualSCSIController); ok {
				controller = c.GetVirtualSCSIController().Key
				break
			}
		}
		unit := int32(1)
		datastore := vm.Datastore[0]
		vm.Config.Hardware.Device = append(vm.Config.Hardware.Device, &types.VirtualDisk{
			VirtualDevice: types.VirtualDevice{
				Key:           2099,
				DeviceInfo:    &types.Description{Label: "Hard disk 2", Summary: "10,485,760 KB"},
				ControllerKey: controller,
				UnitNumber:    &unit,
				Backing: &types.VirtualDiskRawDiskMappingVer1BackingInfo{
					VirtualDeviceFileBackingInfo: types.VirtualDeviceFileBackingInfo{
						FileName:  "[LocalDS_0] " + vm.Name + "/" + vm.Name + "_rdm.vmdk",
						Datastore: &datastore,
					},
					LunUuid:           "0200000000600508b1001c3a8b9d7e6f5a4b3c2d1e0f4c4f47494341",
					DeviceName:        "/vmfs/devices/disks/naa.600508b1001c3a8b9d7e6f5a4b3c2d1e",
					CompatibilityMode: string(types.VirtualDiskCompatibilityModePhysicalMode),
					DiskMode:          string(types.VirtualDiskModeIndependent_persistent),
				},
			},
			CapacityInKB:    10 * 1024 * 1024,
			CapacityInBytes: 10 << 30,
		})
	})
}

// addSharedDisk adds a second SCSI controller with physical bus sharing and an eagerly zeroed multi-writer disk on it.
func addSharedDisk(ctx context.Context, vm *object.VirtualMachine) error {
	devices, err := vm.Device(ctx)
	if err != nil {
		return err
	}
	controller := &types.VirtualLsiLogicController{VirtualSCSIController: types.VirtualSCSIController{
		SharedBus: types.VirtualSCSISharingPhysicalSharing,
		VirtualController: types.VirtualController{
			BusNumber:     1,
			VirtualDevice: types.VirtualDevice{Key: -100},
		},
	}}
	if err := vm.AddDevice(ctx, controller); err != nil {
		return err
	}
	devices, err = vm.Device(ctx)
	if err != nil {
		return err
	}
	var shared types.BaseVirtualController
	for _, d := range devices {
		if c, ok := d.(*types.VirtualLsiLogicController); ok && c.SharedBus == types.VirtualSCSISharingPhysicalSharing {
			shared = c
		}
	}
	if shared == nil {
		return fmt.Errorf("the shared controller was not added")
	}
	var datastore types.ManagedObjectReference
	for _, d := range devices {
		if disk, ok := d.(*types.VirtualDisk); ok {
			if b, ok := disk.Backing.(*types.VirtualDiskFlatVer2BackingInfo); ok && b.Datastore != nil {
				datastore = *b.Datastore
			}
		}
	}
	disk := devices.CreateDisk(shared, datastore, "")
	disk.CapacityInKB = 2048
	backing := disk.Backing.(*types.VirtualDiskFlatVer2BackingInfo)
	backing.Sharing = string(types.VirtualDiskSharingSharingMultiWriter)
	backing.EagerlyScrub = types.NewBool(true)
	backing.ThinProvisioned = types.NewBool(false)
	return vm.AddDevice(ctx, disk)
}

// clusterSettings turns on DRS, HA and DPM in the first VM's cluster and adds a VM-Host affinity rule for it.
func clusterSettings(vm *simulator.VirtualMachine) {
	host := simulator.Map.Get(*vm.Runtime.Host).(*simulator.HostSystem)
	cluster, ok := simulator.Map.Get(*host.Parent).(*simulator.ClusterComputeResource)
	if !ok {
		return
	}
	simulator.Map.WithLock(cluster, func() {
		config := cluster.ConfigurationEx.(*types.ClusterConfigInfoEx)
		config.DrsConfig.Enabled = types.NewBool(true)
		config.DrsConfig.DefaultVmBehavior = types.DrsBehaviorFullyAutomated
		config.DasConfig.Enabled = types.NewBool(true)
		config.DpmConfigInfo = &types.ClusterDpmConfigInfo{Enabled: types.NewBool(true), DefaultDpmBehavior: types.DpmBehaviorAutomated}
		config.Group = append(config.Group,
			&types.ClusterVmGroup{ClusterGroupInfo: types.ClusterGroupInfo{Name: "gpu-vms"}, Vm: []types.ManagedObjectReference{vm.Self}},
			&types.ClusterHostGroup{ClusterGroupInfo: types.ClusterGroupInfo{Name: "gpu-hosts"}, Host: []types.ManagedObjectReference{host.Self}},
		)
		config.Rule = append(config.Rule, &types.ClusterVmHostRuleInfo{
			ClusterRuleInfo:     types.ClusterRuleInfo{Key: 1, Name: "gpu-vms-on-gpu-hosts", Enabled: types.NewBool(true), Mandatory: types.NewBool(true)},
			VmGroupName:         "gpu-vms",
			AffineHostGroupName: "gpu-hosts",
		})
	})
}
