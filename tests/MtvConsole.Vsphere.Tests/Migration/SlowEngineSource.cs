using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests.Migration;

/// <summary>
/// The real source, as an engine sees it that was down or slow after it started each snapshot task: every create or
/// remove task has been purged by vCenter before the engine gets to read it.
/// </summary>
internal sealed class SlowEngineSource(ISourceProvider inner, VcenterAdmin admin) : ISourceProvider
{
    public int PurgedBeforeRead { get; private set; }

    public async Task<string> CreateSnapshotAsync(string vmId, string name, string description, CancellationToken cancellationToken = default) =>
        await PurgedAsync(await inner.CreateSnapshotAsync(vmId, name, description, cancellationToken));

    public async Task<string> RemoveSnapshotAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default) =>
        await PurgedAsync(await inner.RemoveSnapshotAsync(vmId, snapshotId, cancellationToken));

    private async Task<string> PurgedAsync(string taskId)
    {
        await admin.UntilPurgedAsync(taskId);
        PurgedBeforeRead++;
        return taskId;
    }

    public Task<VsphereInventory> GetInventoryAsync(CancellationToken cancellationToken = default) => inner.GetInventoryAsync(cancellationToken);
    public Task<PowerState> GetPowerStateAsync(string vmId, CancellationToken cancellationToken = default) => inner.GetPowerStateAsync(vmId, cancellationToken);
    public Task PowerOnAsync(string vmId, CancellationToken cancellationToken = default) => inner.PowerOnAsync(vmId, cancellationToken);
    public Task PowerOffAsync(string vmId, CancellationToken cancellationToken = default) => inner.PowerOffAsync(vmId, cancellationToken);
    public Task ShutdownGuestAsync(string vmId, CancellationToken cancellationToken = default) => inner.ShutdownGuestAsync(vmId, cancellationToken);
    public Task<SourceTaskInfo> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) => inner.GetTaskAsync(taskId, cancellationToken);
    public Task<IReadOnlyList<SourceSnapshot>> GetSnapshotsAsync(string vmId, CancellationToken cancellationToken = default) => inner.GetSnapshotsAsync(vmId, cancellationToken);
    public Task<IReadOnlyList<DiskChangeId>> GetSnapshotChangeIdsAsync(string vmId, string snapshotId, CancellationToken cancellationToken = default) =>
        inner.GetSnapshotChangeIdsAsync(vmId, snapshotId, cancellationToken);
    public Task<ChangedAreas> QueryChangedDiskAreasAsync(string vmId, string snapshotId, int diskKey, string sinceChangeId, CancellationToken cancellationToken = default) =>
        inner.QueryChangedDiskAreasAsync(vmId, snapshotId, diskKey, sinceChangeId, cancellationToken);
}
