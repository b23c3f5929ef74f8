using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Lab.Generation;
using MtvConsole.Lab.State;

namespace MtvConsole.Lab.Simulation;

/// <summary>
/// The simulated vCenter's runtime: power states, guest shutdown, snapshots, tasks and CBT. Transitions are
/// computed from stored times when asked (no timers); callers hold the world's lock.
/// </summary>
internal sealed class SourceSimulation(LabOptions options, LabInventory inventory, TimeProvider time, DateTimeOffset worldStartedAt)
{
    public const int MaxSnapshotsPerVm = 32;

    private Dictionary<string, LabVmState> _vms = new(StringComparer.Ordinal);
    private Dictionary<string, LabTaskState> _tasks = new(StringComparer.Ordinal);
    private long _nextTask = 1001;
    private long _nextSnapshot = 20_000 + inventory.Vsphere.Vms.Count;

    public DateTimeOffset WorldStartedAt { get; private set; } = worldStartedAt;

    private DateTimeOffset Now => time.GetUtcNow();

    public VsphereInventory GetInventory()
    {
        var source = inventory.Vsphere;
        if (_vms.Count == 0)
        {
            return source;
        }

        var vms = source.Vms.Select(vm => _vms.ContainsKey(vm.Id) ? Project(vm) : vm).ToArray();
        return new VsphereInventory(source.Datacenters, source.Folders, source.Clusters, source.Hosts, source.Networks, source.Datastores, vms);
    }

    public PowerState GetPowerState(string vmId) => State(vmId).PowerState;

    public void PowerOn(string vmId)
    {
        var vm = Vm(vmId);
        RequireConnected(vm, "power on");
        if (vm.IsTemplate)
        {
            throw new InvalidOperationException($"VM '{vm.Name}' is a template and cannot be powered on (InvalidState).");
        }

        var host = inventory.Vsphere.FindHost(vm.HostId);
        if (host is { InMaintenance: true })
        {
            throw new InvalidOperationException($"VM '{vm.Name}' cannot be powered on: host '{host.Name}' is in maintenance mode (InvalidState).");
        }

        var state = State(vmId);
        if (state.PowerState != PowerState.PoweredOn)
        {
            _vms[vmId] = state with { PowerState = PowerState.PoweredOn, PoweredOnSince = Now, ShutdownCompletesAt = null };
        }
    }

    public void PowerOff(string vmId)
    {
        var vm = Vm(vmId);
        RequireConnected(vm, "power off");
        var state = State(vmId);
        if (state.PowerState == PowerState.PoweredOn)
        {
            _vms[vmId] = TurnOff(state, Now);
        }
    }

    /// <summary>Starts a guest shutdown; a no-op when the VM is already off or already shutting down.</summary>
    public void ShutdownGuest(string vmId)
    {
        var vm = Vm(vmId);
        RequireConnected(vm, "shut down the guest of");
        var state = State(vmId);
        if (state.PowerState != PowerState.PoweredOn || state.ShutdownCompletesAt is not null)
        {
            return;
        }

        if (vm.ToolsStatus == "toolsNotInstalled")
        {
            throw new InvalidOperationException(
                $"Cannot shut down the guest of VM '{vm.Name}': VMware Tools is not running in this virtual machine (ToolsUnavailable).");
        }

        _vms[vmId] = state with { ShutdownCompletesAt = Now.AddSeconds(options.GuestShutdownSeconds) };
    }

    public string CreateSnapshot(string vmId, string name, string description)
    {
        var vm = Vm(vmId);
        var state = State(vmId);
        var now = Now;
        var taskId = $"task-{_nextTask++}";
        var snapshotId = $"snapshot-{_nextSnapshot++}";
        var error = SnapshotError(vm, state, now);
        if (error is null)
        {
            var snapshot = new LabSnapshotState(snapshotId, name, description, OnMilliseconds(state, now), now.AddSeconds(options.SnapshotCreateSeconds), null);
            _vms[vmId] = state with { Snapshots = [.. state.Snapshots, snapshot] };
        }

        _tasks[taskId] = new LabTaskState(taskId, LabTaskKind.CreateSnapshot, vmId, snapshotId, now, now.AddSeconds(options.SnapshotCreateSeconds), error);
        return taskId;
    }

    public string RemoveSnapshot(string vmId, string snapshotId)
    {
        var vm = Vm(vmId);
        var state = State(vmId);
        var now = Now;
        var snapshot = state.Snapshots.FirstOrDefault(s => s.Id == snapshotId && s.ReadyAt <= now && (s.RemovedAt is null || s.RemovedAt > now))
            ?? throw new KeyNotFoundException($"Snapshot '{snapshotId}' of VM '{vm.Name}' does not exist (ManagedObjectNotFound).");
        if (snapshot.RemovedAt is not null)
        {
            return _tasks.Values.First(t => t.Kind == LabTaskKind.RemoveSnapshot && t.SnapshotId == snapshotId && t.Error is null).Id;
        }

        var taskId = $"task-{_nextTask++}";
        var completesAt = now.AddSeconds(options.SnapshotRemoveSeconds);
        _vms[vmId] = state with { Snapshots = state.Snapshots.Select(s => s.Id == snapshotId ? s with { RemovedAt = completesAt } : s).ToArray() };
        _tasks[taskId] = new LabTaskState(taskId, LabTaskKind.RemoveSnapshot, vmId, snapshotId, now, completesAt, null);
        return taskId;
    }

    public SourceTaskInfo GetTask(string taskId)
    {
        // vCenter purges finished tasks after a while (LabOptions.TaskRetentionSeconds); an unknown or purged task reads as not found.
        var task = _tasks.GetValueOrDefault(taskId);
        if (task is null || (options.TaskRetentionSeconds > 0 && Now >= task.CompletesAt.AddSeconds(options.TaskRetentionSeconds)))
        {
            return new SourceTaskInfo(taskId, SourceTaskState.NotFound, null, null);
        }

        if (task.Error is not null)
        {
            return new SourceTaskInfo(task.Id, SourceTaskState.Error, null, task.Error);
        }

        if (Now < task.CompletesAt)
        {
            return new SourceTaskInfo(task.Id, SourceTaskState.Running, null, null);
        }

        return new SourceTaskInfo(task.Id, SourceTaskState.Success, task.Kind == LabTaskKind.CreateSnapshot ? task.SnapshotId : null, null);
    }

    /// <summary>The VM's snapshots that exist now, oldest first.</summary>
    public IReadOnlyList<SourceSnapshot> GetSnapshots(string vmId)
    {
        var now = Now;
        return [.. State(vmId).Snapshots.Where(s => IsVisible(s, now)).Select(s => new SourceSnapshot(s.Id, s.Name, s.Description))];
    }

    /// <summary>Per-disk change ids of a snapshot; backing files carry the snapshot's delta suffix (<c>-000001</c>); "" for disks without CBT.</summary>
    public IReadOnlyList<DiskChangeId> GetSnapshotChangeIds(string vmId, string snapshotId)
    {
        var vm = Vm(vmId);
        var (snapshot, position) = VisibleSnapshot(vm, snapshotId);
        return vm.Disks
            .Select(d => new DiskChangeId(
                d.Key,
                d.File.Replace(".vmdk", $"-{position:000000}.vmdk", StringComparison.Ordinal),
                CbtEnabled(vm, d) ? ChangeIds.Format(ChangeIds.Prefix(vm.Uuid, d.Key), snapshot.OnMilliseconds) : ""))
            .ToArray();
    }

    public ChangedAreas QueryChangedDiskAreas(string vmId, string snapshotId, int diskKey, string sinceChangeId)
    {
        var vm = Vm(vmId);
        var (snapshot, _) = VisibleSnapshot(vm, snapshotId);
        var disk = vm.Disks.FirstOrDefault(d => d.Key == diskKey)
            ?? throw new KeyNotFoundException($"VM '{vm.Name}' has no disk with key {diskKey}.");
        if (!CbtEnabled(vm, disk))
        {
            throw new InvalidOperationException(
                $"FileFault: error caused by file '{disk.File}': Changed Block Tracking is not enabled on disk {diskKey} of VM '{vm.Name}'.");
        }

        if (sinceChangeId == "*")
        {
            return new ChangedAreas(disk.CapacityBytes, DiskExtents.Spread(disk.CapacityBytes, inventory.AllocatedBytes(vmId, diskKey)));
        }

        var prefix = ChangeIds.Prefix(vm.Uuid, diskKey);
        if (!ChangeIds.TryParse(sinceChangeId, out var sincePrefix, out var sinceMs) || sincePrefix != prefix)
        {
            throw new InvalidOperationException(
                $"FileFault: change id '{sinceChangeId}' is not valid for disk {diskKey} of VM '{vm.Name}'.");
        }

        if (sinceMs > snapshot.OnMilliseconds)
        {
            throw new InvalidOperationException(
                $"FileFault: change id '{sinceChangeId}' is newer than snapshot '{snapshotId}' of VM '{vm.Name}'.");
        }

        var bytes = ChangedBytes(vmId, disk.CapacityBytes, snapshot.OnMilliseconds - sinceMs);
        return new ChangedAreas(disk.CapacityBytes, DiskExtents.Spread(disk.CapacityBytes, bytes));
    }

    /// <summary>min(capacity, dirty rate × powered-on time).</summary>
    public long ChangedBytes(string vmId, long capacity, long onMilliseconds) =>
        Math.Min(capacity, (long)(inventory.DirtyRateMBps(vmId) * 1_000_000 * onMilliseconds / 1000.0));

    /// <summary>The change id a disk's snapshot recorded, for checkpoints that name a snapshot instead of a change id.</summary>
    public string ChangeIdOf(string vmId, string snapshotId, int diskKey) =>
        GetSnapshotChangeIds(vmId, snapshotId).FirstOrDefault(c => c.DiskKey == diskKey)?.ChangeId
            ?? throw new KeyNotFoundException($"VM '{vmId}' has no disk with key {diskKey}.");

    public VsphereVm Vm(string vmId) =>
        inventory.Vsphere.FindVm(vmId) ?? throw new KeyNotFoundException($"VM '{vmId}' does not exist (ManagedObjectNotFound).");

    public (IReadOnlyList<LabVmState> Vms, IReadOnlyList<LabTaskState> Tasks, long NextTask, long NextSnapshot) Export()
    {
        var now = Now;
        return (_vms.Keys.Select(id => Settle(_vms[id], now)).ToArray(), _tasks.Values.ToArray(), _nextTask, _nextSnapshot);
    }

    public void Import(LabState state)
    {
        _vms = state.Vms.ToDictionary(v => v.VmId, StringComparer.Ordinal);
        _tasks = state.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        _nextTask = state.NextTaskNumber;
        _nextSnapshot = state.NextSnapshotNumber;
        WorldStartedAt = state.WorldStartedAt;
    }

    private VsphereVm Project(VsphereVm vm)
    {
        var state = State(vm.Id);
        var now = Now;
        var current = state.Snapshots.LastOrDefault(s => IsVisible(s, now));
        var tools = vm.ToolsStatus == "toolsNotInstalled" ? vm.ToolsStatus
            : state.PowerState == PowerState.PoweredOn ? "toolsOk" : "toolsNotRunning";
        return vm with
        {
            PowerState = state.PowerState,
            Snapshot = current is null ? null : new SnapshotRef("VirtualMachineSnapshot", current.Id),
            ToolsStatus = tools,
        };
    }

    private LabVmState State(string vmId)
    {
        var now = Now;
        if (!_vms.TryGetValue(vmId, out var state))
        {
            var vm = Vm(vmId);
            var on = vm.PowerState == PowerState.PoweredOn;
            IReadOnlyList<LabSnapshotState> snapshots = vm.Snapshot is { } existing
                ? [new LabSnapshotState(existing.Id, "before-upgrade", "Taken before the last OS upgrade", 0, DateTimeOffset.MinValue, null)]
                : [];
            state = new LabVmState(vmId, vm.PowerState, on ? WorldStartedAt : null, 0, null, snapshots);
        }

        state = Settle(state, now);
        _vms[vmId] = state;
        return state;
    }

    private static LabVmState Settle(LabVmState state, DateTimeOffset now) =>
        state.ShutdownCompletesAt is { } at && at <= now ? TurnOff(state, at) : state;

    private static LabVmState TurnOff(LabVmState state, DateTimeOffset at) =>
        state with
        {
            PowerState = PowerState.PoweredOff,
            AccumulatedOnMilliseconds = OnMilliseconds(state, at),
            PoweredOnSince = null,
            ShutdownCompletesAt = null,
        };

    private static long OnMilliseconds(LabVmState state, DateTimeOffset at) =>
        state.AccumulatedOnMilliseconds
        + (state.PowerState == PowerState.PoweredOn && state.PoweredOnSince is { } since ? (long)(at - since).TotalMilliseconds : 0);

    private (LabSnapshotState Snapshot, int Position) VisibleSnapshot(VsphereVm vm, string snapshotId)
    {
        var now = Now;
        var visible = State(vm.Id).Snapshots.Where(s => IsVisible(s, now)).ToList();
        var index = visible.FindIndex(s => s.Id == snapshotId);
        if (index < 0)
        {
            throw new KeyNotFoundException($"Snapshot '{snapshotId}' of VM '{vm.Name}' does not exist (ManagedObjectNotFound).");
        }

        return (visible[index], index + 1);
    }

    private static bool IsVisible(LabSnapshotState s, DateTimeOffset now) => s.ReadyAt <= now && (s.RemovedAt is null || s.RemovedAt > now);

    private string? SnapshotError(VsphereVm vm, LabVmState state, DateTimeOffset now)
    {
        if (vm.ConnectionState != "connected")
        {
            return $"The operation is not allowed in the current connection state of VM '{vm.Name}' ({vm.ConnectionState}).";
        }

        if (vm.IsTemplate)
        {
            return $"VM '{vm.Name}' is a template; snapshots are not supported (InvalidState).";
        }

        if (vm.FaultToleranceEnabled)
        {
            return $"Snapshots are not supported for VM '{vm.Name}' because Fault Tolerance is enabled.";
        }

        if (vm.Devices.Any(d => d.Kind == DeviceKinds.PciPassthrough))
        {
            return $"VM '{vm.Name}' is configured to use a device that prevents the snapshot operation: a PCI passthrough device.";
        }

        if (state.Snapshots.Count(s => s.RemovedAt is null || s.RemovedAt > now) >= MaxSnapshotsPerVm)
        {
            return $"Exceeded the maximum number of permitted snapshots ({MaxSnapshotsPerVm}) for VM '{vm.Name}'.";
        }

        return null;
    }

    private static bool CbtEnabled(VsphereVm vm, VmDisk disk) => vm.ChangeTrackingEnabled && disk.ChangeTrackingEnabled;

    private static void RequireConnected(VsphereVm vm, string action)
    {
        if (vm.ConnectionState != "connected")
        {
            throw new InvalidOperationException(
                $"Cannot {action} VM '{vm.Name}': the operation is not allowed in the current connection state ({vm.ConnectionState}).");
        }
    }
}
