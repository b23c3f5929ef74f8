package main

import (
	"net/http"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// quiesceRefused fails CreateSnapshot_Task with quiesce=true on a powered-on VM whose VMware Tools are not running,
// as vCenter does: the task ends in error with "Cannot quiesce this virtual machine because VMware Tools is not
// currently available." (the message vCenter reports for it, e.g. in its event log quoted in vmware/open-vm-tools
// issue #297) and no snapshot is made. The fault is ToolsUnavailable, the vim25 fault of an operation that needs
// VMware Tools running. govmomi 0.24's simulator snapshots such a VM and records quiesced=true.
// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/client.go CreateSnapshot always asks for
// quiesce=true and relies on its validator (validator.go GuestToolsInstalled) to warn about such VMs.
// It answers the call and returns true when it refused; false lets the simulator take the snapshot.
func quiesceRefused(w http.ResponseWriter, c call) bool {
	if c.args["quiesce"] != "true" {
		return false
	}
	vm, ok := simulator.Map.Get(types.ManagedObjectReference{Type: "VirtualMachine", Value: c.args["_this"]}).(*simulator.VirtualMachine)
	if !ok {
		return false
	}
	refuse := false
	simulator.Map.WithLock(vm, func() {
		refuse = vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn &&
			vm.Guest != nil && vm.Guest.ToolsRunningStatus != string(types.VirtualMachineToolsRunningStatusGuestToolsRunning)
	})
	if !refuse {
		return false
	}
	task := simulator.CreateTask(vm, "createSnapshot", func(*simulator.Task) (types.AnyType, types.BaseMethodFault) {
		return nil, new(types.ToolsUnavailable)
	})
	task.Run()
	simulator.Map.WithLock(task, func() {
		simulator.Map.Update(task, []types.PropertyChange{{Name: "info.error", Val: types.LocalizedMethodFault{
			Fault:            new(types.ToolsUnavailable),
			LocalizedMessage: "Cannot quiesce this virtual machine because VMware Tools is not currently available.",
		}}})
	})
	writeBody(w, `<CreateSnapshot_TaskResponse xmlns="urn:vim25"><returnval type="Task">`+task.Self.Value+`</returnval></CreateSnapshot_TaskResponse>`)
	return true
}
