package main

import (
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// purgeAfter removes a task from the simulator once it has been finished for the retention time, as vCenter does:
// its TaskManager keeps finished tasks for a limited time (about 10 minutes), after which reading the task's info
// answers ManagedObjectNotFound. kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/client.go
// (CheckSnapshotRemove, l.324-350) handles exactly that: "task not found" means look at the VM instead.
// The simulator of govmomi 0.24 keeps every task forever.
func purgeAfter(taskID string, retention time.Duration) {
	ref := types.ManagedObjectReference{Type: "Task", Value: taskID}
	go func() {
		for {
			task, ok := simulator.Map.Get(ref).(*simulator.Task)
			if !ok {
				return
			}
			finished := false
			simulator.Map.WithLock(task, func() {
				finished = task.Info.State == types.TaskInfoStateSuccess || task.Info.State == types.TaskInfoStateError
			})
			if finished {
				time.AfterFunc(retention, func() { simulator.Map.Remove(ref) })
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
}
