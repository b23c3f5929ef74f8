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

    /// <summary>Starts a snapshot (memory=false, quiesce=true) and returns the vSphere task id.</summary>
    Task<string> CreateSnapshotAsync(string vmId, string name, string description, CancellationToken cancellationToken = default);

    /// <summary>Starts removal of a snapshot (removeChildren=false, consolidate=true) and returns the task id.</summary>
    Task<string> RemoveSnapshotAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default);

    Task<SourceTaskInfo> GetTaskAsync(string taskId, CancellationToken cancellationToken = default);

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
}

/// <summary>A vSphere task: its state, its result (a snapshot MoRef for snapshot creation) or its error.</summary>
public sealed record SourceTaskInfo(string Id, SourceTaskState State, string? Result, string? Error);

public sealed record DiskChangeId(int DiskKey, string BackingFile, string ChangeId);

public sealed record DiskExtent(long Start, long Length);

public sealed record ChangedAreas(long DiskCapacityBytes, IReadOnlyList<DiskExtent> Extents)
{
    public long ChangedBytes => Extents.Sum(e => e.Length);
}
