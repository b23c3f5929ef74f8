using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// A source whose n-th snapshot creation fails when <see cref="FailSnapshot"/> says so; with
/// <paramref name="onlyVmId"/>, only that VM's snapshots are counted and failed.
/// </summary>
internal sealed class FaultySource(ISourceProvider inner, Func<int, bool> failSnapshot, string? onlyVmId = null) : ISourceProvider
{
    private int _snapshots;

    public Func<int, bool> FailSnapshot { get; } = failSnapshot;

    public Task<string> CreateSnapshotAsync(string vmId, string name, string description, CancellationToken cancellationToken = default)
    {
        if (onlyVmId is not null && vmId != onlyVmId) return inner.CreateSnapshotAsync(vmId, name, description, cancellationToken);
        var n = ++_snapshots;
        return FailSnapshot(n)
            ? Task.FromException<string>(new InvalidOperationException($"An error occurred while saving the snapshot (attempt {n})."))
            : inner.CreateSnapshotAsync(vmId, name, description, cancellationToken);
    }

    public Task<VsphereInventory> GetInventoryAsync(CancellationToken cancellationToken = default) => inner.GetInventoryAsync(cancellationToken);
    public Task<PowerState> GetPowerStateAsync(string vmId, CancellationToken cancellationToken = default) => inner.GetPowerStateAsync(vmId, cancellationToken);
    public Task PowerOnAsync(string vmId, CancellationToken cancellationToken = default) => inner.PowerOnAsync(vmId, cancellationToken);
    public Task PowerOffAsync(string vmId, CancellationToken cancellationToken = default) => inner.PowerOffAsync(vmId, cancellationToken);
    public Task ShutdownGuestAsync(string vmId, CancellationToken cancellationToken = default) => inner.ShutdownGuestAsync(vmId, cancellationToken);
    public Task<string> RemoveSnapshotAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default) => inner.RemoveSnapshotAsync(vmId, snapshotId, cancellationToken);
    public Task<SourceTaskInfo> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) => inner.GetTaskAsync(taskId, cancellationToken);
    public Task<IReadOnlyList<SourceSnapshot>> GetSnapshotsAsync(string vmId, CancellationToken cancellationToken = default) => inner.GetSnapshotsAsync(vmId, cancellationToken);
    public Task<IReadOnlyList<DiskChangeId>> GetSnapshotChangeIdsAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default) => inner.GetSnapshotChangeIdsAsync(vmId, snapshotId, cancellationToken);
    public Task<ChangedAreas> QueryChangedDiskAreasAsync(string vmId, string snapshotId, int diskKey, string sinceChangeId, CancellationToken cancellationToken = default) =>
        inner.QueryChangedDiskAreasAsync(vmId, snapshotId, diskKey, sinceChangeId, cancellationToken);
}
