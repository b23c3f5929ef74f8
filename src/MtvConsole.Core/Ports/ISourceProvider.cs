using MtvConsole.Core.Inventory;

namespace MtvConsole.Core.Ports;

/// <summary>
/// The source side (vSphere) as the engine and the wizard see it. Implemented by the Lab's simulated
/// vCenter and by the real vim25 SOAP adapter. Snapshot create/remove are asynchronous vSphere tasks.
/// </summary>
public interface ISourceProvider
{
    Task<VsphereInventory> GetInventoryAsync(CancellationToken cancellationToken = default);

    Task<PowerState> GetPowerStateAsync(string vmId, CancellationToken cancellationToken = default);

    /// <summary>Powers the VM on (no-op when already on).</summary>
    Task PowerOnAsync(string vmId, CancellationToken cancellationToken = default);

    /// <summary>Hard power-off (no-op when already off).</summary>
    Task PowerOffAsync(string vmId, CancellationToken cancellationToken = default);

    /// <summary>Asks VMware Tools to shut the guest down; the VM powers off some time later.</summary>
    Task ShutdownGuestAsync(string vmId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a snapshot (memory=false; quiesced when VMware Tools is running in a powered-on VM) and returns the vSphere task id.
    /// </summary>
    Task<string> CreateSnapshotAsync(string vmId, string name, string description, CancellationToken cancellationToken = default);

    /// <summary>Starts removal of a snapshot (removeChildren=false, consolidate=true) and returns the task id.</summary>
    Task<string> RemoveSnapshotAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default);

    /// <summary>A task's state; <see cref="SourceTaskState.NotFound"/> once vCenter has purged it (finished tasks are kept for a limited time).</summary>
    Task<SourceTaskInfo> GetTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Every snapshot of the VM (<c>snapshot.rootSnapshotList</c>, depth first, oldest first): where a purged task's outcome is read.</summary>
    Task<IReadOnlyList<SourceSnapshot>> GetSnapshotsAsync(string vmId, CancellationToken cancellationToken = default);

    /// <summary>The per-disk change ids recorded in a snapshot (<c>config.hardware.device</c> of the snapshot).</summary>
    Task<IReadOnlyList<DiskChangeId>> GetSnapshotChangeIdsAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The areas of a disk that changed between <paramref name="sinceChangeId"/> and the given snapshot
    /// (<c>QueryChangedDiskAreas</c>). <c>"*"</c> means everything allocated (a full copy).
    /// </summary>
    Task<ChangedAreas> QueryChangedDiskAreasAsync(string vmId, string snapshotId, int diskKey, string sinceChangeId, CancellationToken cancellationToken = default);
}

public enum SourceTaskState
{
    Queued,
    Running,
    Success,
    Error,

    /// <summary>
    /// vCenter does not know the task (any more): it purges finished tasks after about 10 minutes. What the task did
    /// is read from the VM instead, as kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/client.go
    /// CheckSnapshotRemove does ("task not found": is the snapshot gone?).
    /// </summary>
    NotFound,
}

/// <summary>A vSphere task: its state, its result (a snapshot MoRef for snapshot creation) or its error.</summary>
public sealed record SourceTaskInfo(string Id, SourceTaskState State, string? Result, string? Error);

/// <summary>One snapshot of a VM's snapshot tree: its MoRef, name and description.</summary>
public sealed record SourceSnapshot(string Id, string Name, string Description);

public sealed record DiskChangeId(int DiskKey, string BackingFile, string ChangeId);

public sealed record DiskExtent(long Start, long Length);

public sealed record ChangedAreas(long DiskCapacityBytes, IReadOnlyList<DiskExtent> Extents)
{
    public long ChangedBytes => Extents.Sum(e => e.Length);
}
