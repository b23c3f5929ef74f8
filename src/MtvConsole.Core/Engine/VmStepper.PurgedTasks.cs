using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Engine;

/// <summary>
/// Snapshot tasks that vCenter has purged (it keeps finished tasks for about 10 minutes, so an engine that was down
/// or slow finds the id unknown): what the task did is read from the VM's snapshot tree instead.
/// </summary>
internal sealed partial class VmStepper
{
    /// <summary>
    /// The snapshot a purged creation task made: the newest snapshot with upstream's precopy name and description that
    /// no precopy of this VM has taken yet; null when there is none (the creation failed).
    /// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/client.go: snapshotName/snapshotDesc; upstream's
    /// CheckSnapshotReady has no fallback for a purged creation task and fails the precopy.
    /// </summary>
    private static async Task<string?> SnapshotOfPurgedTaskAsync(VmWork w, CancellationToken ct)
    {
        var taken = w.WarmStatus.Precopies.Select(p => p.Snapshot).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var snapshots = await w.Source.GetSnapshotsAsync(w.Vm.Id, ct);
        return snapshots.LastOrDefault(s => s.Name == MigrationNames.SnapshotName && s.Description == MigrationNames.SnapshotDescription
                                            && !taken.Contains(s.Id))?.Id;
    }

    /// <summary>
    /// Whether a snapshot whose removal task was purged is gone from the VM; when it is still there, the removal failed.
    /// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/client.go CheckSnapshotRemove (l.324-350).
    /// </summary>
    private static async Task<bool> SnapshotGoneAsync(VmWork w, string snapshotId, CancellationToken ct)
    {
        var snapshots = await w.Source.GetSnapshotsAsync(w.Vm.Id, ct);
        return snapshots.All(s => s.Id != snapshotId);
    }
}
