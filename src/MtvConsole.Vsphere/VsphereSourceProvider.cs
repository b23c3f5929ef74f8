using System.Collections.Concurrent;
using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Vsphere.Collector;
using MtvConsole.Vsphere.Mapping;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere;

/// <summary>
/// A real vCenter as an <see cref="ISourceProvider"/>: the inventory is collected once through a container view
/// (RetrievePropertiesEx, paged) and then kept current with WaitForUpdatesEx; power, snapshots, change ids,
/// changed areas and CBT go through the vim25 calls. After each of its own operations it re-reads that VM,
/// so the inventory shows the result at once.
/// </summary>
public sealed class VsphereSourceProvider : ISourceProvider, IChangeTrackingControl, IAsyncDisposable, IDisposable
{
    private readonly VimClient _client;
    private readonly PropertyCollector _collector;
    private readonly TimeProvider _time;
    private readonly ObjectStore _store = new();
    private readonly SemaphoreSlim _inventoryLock = new(1, 1);
    private readonly ConcurrentDictionary<string, string> _vmOfTask = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _tasksSeenFinished = new(StringComparer.Ordinal);
    private string? _viewId;
    private string? _filterId;
    private string _version = "";
    private long _sessionOfView;
    private VsphereInventory? _built;
    private long _builtRevision = -1;
    private DateTimeOffset _syncedAt;

    public VsphereSourceProvider(VsphereConnectionOptions options, TimeProvider time)
    {
        _client = new VimClient(options);
        _collector = new PropertyCollector(_client);
        _time = time;
    }

    /// <summary>How long a collected inventory is served without asking vCenter for changes.</summary>
    public TimeSpan FreshFor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>maxObjects of RetrievePropertiesEx pages.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Retrievals run at once by a full load (each on its own PropertyCollector); 1 reads everything in one retrieval of the view.</summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>VMs per retrieval of a parallel full load.</summary>
    public int VmBatchSize { get; init; } = 1000;

    /// <summary>How often a running task is polled while this provider waits for one of its own tasks.</summary>
    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>When the inventory was last collected or brought up to date, if ever.</summary>
    public DateTimeOffset? CollectedAt => _built is null ? null : _syncedAt;

    public VimClient Client => _client;

    public async Task<VsphereInventory> GetInventoryAsync(CancellationToken cancellationToken = default)
    {
        await _inventoryLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await LoadIfNeededAsync(cancellationToken).ConfigureAwait(false) && _time.GetUtcNow() - _syncedAt >= FreshFor)
                await ApplyUpdatesOrReloadAsync(0, cancellationToken).ConfigureAwait(false);
            return Built();
        }
        finally
        {
            _inventoryLock.Release();
        }
    }

    /// <summary>
    /// Waits up to <paramref name="maxWait"/> for changes in vCenter (WaitForUpdatesEx) and applies them; returns the
    /// ids of the objects that changed (none when nothing changed in time).
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForChangesAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        await _inventoryLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadIfNeededAsync(cancellationToken).ConfigureAwait(false);
            return await ApplyUpdatesOrReloadAsync((int)Math.Ceiling(maxWait.TotalSeconds), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inventoryLock.Release();
        }
    }

    /// <summary>Loads everything when nothing is loaded or the view belongs to an ended session; true when it loaded.</summary>
    private async Task<bool> LoadIfNeededAsync(CancellationToken ct)
    {
        if (_viewId is not null && _sessionOfView == _client.Logins) return false;
        ForgetSession();
        await LoadAllAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Applies vCenter's changes; when the session ended meanwhile (the client logged in again, or vCenter answers
    /// InvalidCollectorVersion or ManagedObjectNotFound for the view or filter), the view, the filter and the version
    /// are rebuilt from a full load and a new filter, and every object is reported as changed.
    /// The ContainerView, the PropertyFilter and the collector version belong to the session that made them; upstream
    /// starts over the same way: kubev2v/forklift d42511bb2 pkg/controller/provider/container/vsphere/collector.go
    /// (getUpdates returns on any WaitForUpdatesEx error; Start connects again and creates a new collector and
    /// filter, whose first WaitForUpdatesEx has version "").
    /// </summary>
    private async Task<IReadOnlyList<string>> ApplyUpdatesOrReloadAsync(int maxWaitSeconds, CancellationToken ct)
    {
        try
        {
            var changed = await ApplyUpdatesAsync(maxWaitSeconds, ct).ConfigureAwait(false);
            if (_sessionOfView == _client.Logins) return changed;
        }
        catch (VimFaultException e) when (e.FaultName is "InvalidCollectorVersion" or "ManagedObjectNotFound" or "NotAuthenticated")
        {
            // The session-scoped view, filter or version is gone: reloaded below.
        }
        ForgetSession();
        await LoadAllAsync(ct).ConfigureAwait(false);
        // The new filter's first answer is every object as it is now, so nothing that changed during the reload is missed.
        await ApplyUpdatesAsync(0, ct).ConfigureAwait(false);
        return [.. _store.Objects.Keys];
    }

    /// <summary>Drops the view, the filter and the version of the session that made them.</summary>
    private void ForgetSession()
    {
        _viewId = null;
        _filterId = null;
        _version = "";
    }

    private async Task LoadAllAsync(CancellationToken ct)
    {
        _store.Clear();
        var viewId = await _collector.CreateContainerViewAsync(InventorySpec.PathsByType.Keys, ct).ConfigureAwait(false);
        var session = _client.Logins;
        if (Parallelism <= 1 || VmBatchSize <= 0)
            await _collector.RetrieveStoredAsync(PropertyCollector.ViewSpec(viewId, InventorySpec.PathsByType), PageSize, _store.Put, ct).ConfigureAwait(false);
        else
            await LoadInParallelAsync(viewId, ct).ConfigureAwait(false);
        _viewId = viewId;
        _sessionOfView = session;
        _syncedAt = _time.GetUtcNow();
    }

    /// <summary>
    /// The full load as several retrievals at once, each on its own PropertyCollector: everything but VMs through the
    /// view, and the VMs of the view in batches of <see cref="VmBatchSize"/>. vCenter (and the simulator) serialise one
    /// retrieval on one thread, so while one answer is parsed here the next is being produced there.
    /// </summary>
    private async Task LoadInParallelAsync(string viewId, CancellationToken ct)
    {
        var vmIds = await _collector.ViewMembersAsync(viewId, "VirtualMachine", ct).ConfigureAwait(false);
        var others = InventorySpec.PathsByType.Where(p => p.Key != "VirtualMachine").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var specs = new List<XElement[]> { PropertyCollector.ViewSpec(viewId, others) };
        specs.AddRange(vmIds.Chunk(VmBatchSize).Select(batch => PropertyCollector.ObjectsSpec("VirtualMachine", batch, InventorySpec.VmPaths)));
        var gate = new Lock();
        var next = -1;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct); // one failed retrieval stops the others
        async Task WorkerAsync()
        {
            var token = stop.Token;
            string? collectorId = null;
            try
            {
                collectorId = await _collector.CreateCollectorAsync(token).ConfigureAwait(false);
                for (var i = Interlocked.Increment(ref next); i < specs.Count; i = Interlocked.Increment(ref next))
                {
                    await _collector.RetrieveStoredAsync(specs[i], PageSize, (id, stored) =>
                    {
                        lock (gate) _store.Put(id, stored);
                    }, token, collectorId).ConfigureAwait(false);
                    specs[i] = [];
                }
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                if (collectorId is not null)
                {
                    try
                    {
                        await _collector.DestroyCollectorAsync(collectorId, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is HttpRequestException or TimeoutException or VimFaultException or IOException)
                    {
                        // The collector belongs to the session and ends with it; the retrieval's own outcome is what counts.
                    }
                }
            }
        }
        var all = Task.WhenAll(Enumerable.Range(0, Math.Min(Parallelism, specs.Count)).Select(_ => WorkerAsync()));
        try
        {
            await all.ConfigureAwait(false);
        }
        catch when (!ct.IsCancellationRequested && all.Exception?.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) is { } cause)
        {
            // Report what failed, not the cancellation it caused in the other retrievals.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
        }
    }

    private async Task<IReadOnlyList<string>> ApplyUpdatesAsync(int maxWaitSeconds, CancellationToken ct)
    {
        if (_filterId is null)
        {
            _filterId = await _collector.CreateFilterAsync(PropertyCollector.ViewSpec(_viewId!, InventorySpec.PathsByType), ct).ConfigureAwait(false);
            // The first answer of a new filter is every object as it is now: the same as the full load, so it only refreshes.
            _version = await _collector.WaitForUpdatesAsync("", 0, u => _store.Apply(u), ct).ConfigureAwait(false);
        }
        var changed = new List<string>();
        _version = await _collector.WaitForUpdatesAsync(_version, maxWaitSeconds, u =>
        {
            if (_store.Apply(u)) changed.Add(u.Id);
        }, ct).ConfigureAwait(false);
        _syncedAt = _time.GetUtcNow();
        return changed;
    }

    private VsphereInventory Built()
    {
        if (_built is null || _builtRevision != _store.Revision)
        {
            _built = InventoryMapper.Map(_store);
            _builtRevision = _store.Revision;
        }
        return _built;
    }

    /// <summary>Re-reads what a VM's own operations change, when the inventory has been collected.</summary>
    private async Task RefreshVmAsync(string vmId, CancellationToken ct)
    {
        if (_viewId is null) return;
        var content = await _collector.RetrieveOneAsync("VirtualMachine", vmId, InventorySpec.VmStatePaths, ct).ConfigureAwait(false);
        await _inventoryLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (content is not null) _store.Merge(content, InventorySpec.VmStatePaths);
        }
        finally
        {
            _inventoryLock.Release();
        }
    }

    private async Task<ObjectContent> ReadVmAsync(string vmId, string[] paths, CancellationToken ct)
    {
        var content = await _collector.RetrieveOneAsync("VirtualMachine", vmId, paths, ct).ConfigureAwait(false);
        if (content is null || content.Properties.Count == 0) throw new KeyNotFoundException($"VM '{vmId}' does not exist in vCenter.");
        return content;
    }

    private static string? Prop(ObjectContent content, string path) =>
        content.Properties.FirstOrDefault(p => p.Key == path).Value?.Value;

    public async Task<PowerState> GetPowerStateAsync(string vmId, CancellationToken cancellationToken = default)
    {
        var content = await ReadVmAsync(vmId, ["runtime.powerState"], cancellationToken).ConfigureAwait(false);
        return Prop(content, "runtime.powerState") switch
        {
            "poweredOff" => PowerState.PoweredOff,
            "suspended" => PowerState.Suspended,
            _ => PowerState.PoweredOn,
        };
    }

    public async Task PowerOnAsync(string vmId, CancellationToken cancellationToken = default)
    {
        if (await GetPowerStateAsync(vmId, cancellationToken).ConfigureAwait(false) == PowerState.PoweredOn) return;
        await RunVmTaskAsync(vmId, "PowerOnVM_Task", [], "power on", cancellationToken).ConfigureAwait(false);
    }

    public async Task PowerOffAsync(string vmId, CancellationToken cancellationToken = default)
    {
        if (await GetPowerStateAsync(vmId, cancellationToken).ConfigureAwait(false) == PowerState.PoweredOff) return;
        await RunVmTaskAsync(vmId, "PowerOffVM_Task", [], "power off", cancellationToken, ignoreFault: "InvalidPowerState").ConfigureAwait(false);
    }

    public async Task ShutdownGuestAsync(string vmId, CancellationToken cancellationToken = default)
    {
        var vm = await ReadVmAsync(vmId, ["runtime.powerState", "guest.toolsStatus", "guest.toolsRunningStatus"], cancellationToken).ConfigureAwait(false);
        if (Prop(vm, "runtime.powerState") == "poweredOff") return;
        if (Prop(vm, "guest.toolsStatus") is null or "toolsNotInstalled" || Prop(vm, "guest.toolsRunningStatus") != "guestToolsRunning")
            throw new InvalidOperationException($"VM '{vmId}' cannot shut its guest down: VMware Tools is not running ({Prop(vm, "guest.toolsStatus") ?? "toolsNotInstalled"}).");
        try
        {
            await _client.InvokeAsync("ShutdownGuest", "VirtualMachine", vmId, [], cancellationToken).ConfigureAwait(false);
        }
        catch (VimFaultException e) when (e.FaultName is "ToolsUnavailable" or "InvalidState")
        {
            throw new InvalidOperationException($"VM '{vmId}' cannot shut its guest down: VMware Tools is not available ({e.VcenterMessage}).", e);
        }
        catch (VimFaultException e) when (e.FaultName == "ManagedObjectNotFound")
        {
            throw new KeyNotFoundException($"VM '{vmId}' does not exist in vCenter.", e);
        }
        await RefreshVmAsync(vmId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// CreateSnapshot_Task without memory, quiesced only when VMware Tools is running in the powered-on VM. vCenter fails
    /// a quiescing snapshot of a running VM whose Tools are not running ("Cannot quiesce this virtual machine because
    /// VMware Tools is not currently available."), and ignores quiesce for a powered-off VM.
    /// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/client.go CreateSnapshot always passes
    /// quiesce=true and only warns beforehand (validator.go GuestToolsInstalled: a powered-on VM whose Tools are not
    /// installed or not running); here such a VM gets a crash-consistent snapshot instead of failed precopies.
    /// </summary>
    public async Task<string> CreateSnapshotAsync(string vmId, string name, string description, CancellationToken cancellationToken = default)
    {
        var vm = await ReadVmAsync(vmId, ["runtime.powerState", "guest.toolsRunningStatus"], cancellationToken).ConfigureAwait(false);
        var quiesce = Prop(vm, "runtime.powerState") == "poweredOn" && Prop(vm, "guest.toolsRunningStatus") == "guestToolsRunning";
        return await StartTaskAsync(vmId, "CreateSnapshot_Task", "VirtualMachine", vmId,
            [Vim.El("name", name), Vim.El("description", description), Vim.El("memory", false), Vim.El("quiesce", quiesce)], cancellationToken).ConfigureAwait(false);
    }

    public Task<string> RemoveSnapshotAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default) =>
        StartTaskAsync(vmId, "RemoveSnapshot_Task", "VirtualMachineSnapshot", snapshotId,
            [Vim.El("removeChildren", false), Vim.El("consolidate", true)], cancellationToken);

    public async Task<SourceTaskInfo> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var content = await _collector.RetrieveOneAsync("Task", taskId, ["info"], cancellationToken).ConfigureAwait(false);
        // vCenter purges finished tasks after about 10 minutes; reading one then answers ManagedObjectNotFound.
        if (content?.Properties.FirstOrDefault(p => p.Key == "info").Value is not { } info) return new SourceTaskInfo(taskId, SourceTaskState.NotFound, null, null);
        var task = TaskInfo.Parse(taskId, info, out var entity);
        var vmId = _vmOfTask.GetValueOrDefault(taskId) ?? (entity is { Kind: "VirtualMachine" } ? entity.Id : null);
        if (task.State is SourceTaskState.Success or SourceTaskState.Error && vmId is not null && _tasksSeenFinished.TryAdd(taskId, true))
            await RefreshVmAsync(vmId, cancellationToken).ConfigureAwait(false);
        return task;
    }

    /// <summary>The VM's snapshot tree (<c>snapshot.rootSnapshotList</c>), depth first; empty when the VM has none.</summary>
    public async Task<IReadOnlyList<SourceSnapshot>> GetSnapshotsAsync(string vmId, CancellationToken cancellationToken = default)
    {
        var vm = await ReadVmAsync(vmId, ["name", "snapshot"], cancellationToken).ConfigureAwait(false);
        return SnapshotTree.Flatten(vm.Properties.FirstOrDefault(p => p.Key == "snapshot").Value);
    }

    public async Task<IReadOnlyList<DiskChangeId>> GetSnapshotChangeIdsAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default)
    {
        var devices = await SnapshotDevicesAsync(vmId, snapshotId, cancellationToken).ConfigureAwait(false);
        return [.. devices.Disks.Select(d => new DiskChangeId(d.Disk.Key, d.Disk.File, d.ChangeId))];
    }

    public async Task<ChangedAreas> QueryChangedDiskAreasAsync(
        string vmId, string snapshotId, int diskKey, string sinceChangeId, CancellationToken cancellationToken = default)
    {
        var snapshot = await _collector.RetrieveOneAsync("VirtualMachineSnapshot", snapshotId, ["config.hardware.device", "config.changeTrackingEnabled"], cancellationToken)
            .ConfigureAwait(false);
        if (snapshot is null || snapshot.Properties.Count == 0) throw new KeyNotFoundException($"Snapshot '{snapshotId}' of VM '{vmId}' does not exist.");
        var disk = (Prop(snapshot, "config.hardware.device") is null ? null
                : DeviceParser.Parse(snapshot.Properties.First(p => p.Key == "config.hardware.device").Value!).Disks.FirstOrDefault(d => d.Disk.Key == diskKey))
            ?? throw new KeyNotFoundException($"Snapshot '{snapshotId}' of VM '{vmId}' has no disk with key {diskKey}.");
        if (Prop(snapshot, "config.changeTrackingEnabled") != "true")
            throw new InvalidOperationException($"Changed Block Tracking is not enabled on VM '{vmId}': its snapshot '{snapshotId}' has no changed-block data.");

        var capacity = disk.Disk.CapacityBytes;
        var extents = new List<DiskExtent>();
        long start = 0;
        while (start < capacity)
        {
            XElement response;
            try
            {
                response = await _client.InvokeAsync("QueryChangedDiskAreas", "VirtualMachine", vmId,
                [
                    Vim.Ref("snapshot", "VirtualMachineSnapshot", snapshotId),
                    Vim.El("deviceKey", diskKey),
                    Vim.El("startOffset", start),
                    Vim.El("changeId", sinceChangeId),
                ], cancellationToken).ConfigureAwait(false);
            }
            catch (VimFaultException e) when (e.FaultName == "FileFault")
            {
                throw new InvalidOperationException(
                    $"Changed Block Tracking data of disk {diskKey} of VM '{vmId}' is not available: {e.VcenterMessage}", e);
            }
            catch (VimFaultException e) when (e.FaultName == "ManagedObjectNotFound")
            {
                throw new KeyNotFoundException(e.Message, e);
            }
            var info = response.Child("returnval");
            var offset = Values.Long(info, "startOffset");
            var length = Values.Long(info, "length");
            extents.AddRange((info?.Children("changedArea") ?? []).Select(a => new DiskExtent(Values.Long(a, "start"), Values.Long(a, "length"))));
            if (length <= 0) break;
            start = offset + length;
        }
        return new ChangedAreas(capacity, extents);
    }

    /// <summary>Turns on changed block tracking (ReconfigVM_Task <c>changeTrackingEnabled=true</c>) and waits for the task.</summary>
    public Task EnableChangeBlockTrackingAsync(string vmId, CancellationToken cancellationToken = default) =>
        RunVmTaskAsync(vmId, "ReconfigVM_Task", [Vim.El("spec", Vim.El("changeTrackingEnabled", true))], "enable changed block tracking", cancellationToken);

    private async Task<ParsedDevices> SnapshotDevicesAsync(string vmId, string snapshotId, CancellationToken ct)
    {
        var snapshot = await _collector.RetrieveOneAsync("VirtualMachineSnapshot", snapshotId, ["config.hardware.device", "vm"], ct).ConfigureAwait(false);
        var devices = snapshot?.Properties.FirstOrDefault(p => p.Key == "config.hardware.device").Value;
        if (snapshot is null || devices is null) throw new KeyNotFoundException($"Snapshot '{snapshotId}' of VM '{vmId}' does not exist.");
        if (Prop(snapshot, "vm") is { } owner && owner != vmId) throw new KeyNotFoundException($"Snapshot '{snapshotId}' does not belong to VM '{vmId}'.");
        return DeviceParser.Parse(devices);
    }

    private async Task<string> StartTaskAsync(string vmId, string method, string thisType, string thisId, XElement[] args, CancellationToken ct)
    {
        try
        {
            var response = await _client.InvokeAsync(method, thisType, thisId, args, ct).ConfigureAwait(false);
            var taskId = response.ChildText("returnval") ?? throw new VimFaultException("InvalidResponse", $"{method} returned no task.", method);
            _vmOfTask[taskId] = vmId;
            return taskId;
        }
        catch (VimFaultException e) when (e.FaultName == "ManagedObjectNotFound")
        {
            throw new KeyNotFoundException($"{thisType} '{thisId}' does not exist in vCenter.", e);
        }
    }

    private async Task RunVmTaskAsync(string vmId, string method, XElement[] args, string what, CancellationToken ct, string? ignoreFault = null)
    {
        var taskId = await StartTaskAsync(vmId, method, "VirtualMachine", vmId, args, ct).ConfigureAwait(false);
        while (true)
        {
            var task = await GetTaskAsync(taskId, ct).ConfigureAwait(false);
            if (task.State == SourceTaskState.Success) break;
            if (task.State == SourceTaskState.NotFound)
                throw new InvalidOperationException($"vCenter no longer knows task {taskId} that was to {what} VM '{vmId}'.");
            if (task.State == SourceTaskState.Error)
            {
                if (ignoreFault is not null && task.Error?.StartsWith(ignoreFault, StringComparison.Ordinal) == true) break;
                throw new InvalidOperationException($"vCenter could not {what} VM '{vmId}': {task.Error}");
            }
            await Task.Delay(TaskPollInterval, _time, ct).ConfigureAwait(false);
        }
        await RefreshVmAsync(vmId, ct).ConfigureAwait(false);
    }

    /// <summary>Logs out and releases the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync().ConfigureAwait(false);
        _inventoryLock.Dispose();
    }

    /// <summary>Releases the connection without logging out (the session then expires in vCenter).</summary>
    public void Dispose()
    {
        _client.Dispose();
        _inventoryLock.Dispose();
    }
}
