using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Lab;

/// <summary>The Lab's simulated vCenter as an <see cref="ISourceProvider"/>.</summary>
public sealed class LabVCenter(LabWorld world) : ISourceProvider
{
    private readonly LabWorld _world = world ?? throw new ArgumentNullException(nameof(world));

    public Task<VsphereInventory> GetInventoryAsync(CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.GetInventory()), cancellationToken);

    public Task<PowerState> GetPowerStateAsync(string vmId, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.GetPowerState(vmId)), cancellationToken);

    public Task PowerOnAsync(string vmId, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.PowerOn(vmId)), cancellationToken);

    public Task PowerOffAsync(string vmId, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.PowerOff(vmId)), cancellationToken);

    /// <summary>Starts a guest shutdown (no-op when off or already shutting down); fails when VMware Tools is not installed.</summary>
    public Task ShutdownGuestAsync(string vmId, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.ShutdownGuest(vmId)), cancellationToken);

    public Task<string> CreateSnapshotAsync(string vmId, string name, string description, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.CreateSnapshot(vmId, name, description)), cancellationToken);

    public Task<string> RemoveSnapshotAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.RemoveSnapshot(vmId, snapshotId)), cancellationToken);

    public Task<SourceTaskInfo> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.GetTask(taskId)), cancellationToken);

    public Task<IReadOnlyList<SourceSnapshot>> GetSnapshotsAsync(string vmId, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.GetSnapshots(vmId)), cancellationToken);

    public Task<IReadOnlyList<DiskChangeId>> GetSnapshotChangeIdsAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.GetSnapshotChangeIds(vmId, snapshotId)), cancellationToken);

    public Task<ChangedAreas> QueryChangedDiskAreasAsync(
        string vmId, string snapshotId, int diskKey, string sinceChangeId, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Source(s => s.QueryChangedDiskAreas(vmId, snapshotId, diskKey, sinceChangeId)), cancellationToken);
}
