using MtvConsole.Core.Conditions;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>Warm phases: snapshots, change ids, checkpoints, pauses between precopies and the warm retry limits.</summary>
internal sealed partial class VmStepper
{
    private static readonly HashSet<string> PrecopyLoopPhases =
    [
        Phases.CopyingPaused, Phases.RemovePreviousSnapshot, Phases.WaitForPreviousSnapshotRemoval, Phases.CreateSnapshot,
        Phases.WaitForSnapshot, Phases.StoreSnapshotDeltas, Phases.AddCheckpoint,
    ];

    /// <summary>Whether an error in this phase is a failed precopy (counted against the warm retry limits).</summary>
    public static bool IsPrecopyLoopPhase(string phase) => PrecopyLoopPhases.Contains(phase);

    private static Precopy? Current(VmWork w) => w.WarmStatus.Precopies.LastOrDefault();

    /// <summary>The last finished, successful precopy: its change ids are what the next checkpoint starts from.</summary>
    private static Precopy? LastGood(VmWork w) =>
        w.WarmStatus.Precopies.LastOrDefault(p => p.End is not null && p.Error is null && !p.Final && p.Snapshot is not null);

    private static async Task CreateSnapshotAsync(VmWork w, CancellationToken ct)
    {
        // The precopy is recorded before the call, so a failed call is a failed precopy; a retry reuses it.
        var precopy = Current(w) is { CreateTaskId: null, End: null } open ? open : null;
        if (precopy is null)
        {
            precopy = new Precopy { Start = w.Now, Final = w.Status.Phase == Phases.CreateFinalSnapshot };
            w.WarmStatus.Precopies.Add(precopy);
        }

        precopy.CreateTaskId = await w.Source.CreateSnapshotAsync(w.Vm.Id, MigrationNames.SnapshotName, MigrationNames.SnapshotDescription, ct);
        w.Next();
    }

    private static async Task WaitForSnapshotAsync(VmWork w, CancellationToken ct)
    {
        var precopy = Current(w) ?? throw new InvalidOperationException("No snapshot task was recorded for this VM.");
        var task = await w.Source.GetTaskAsync(precopy.CreateTaskId!, ct);
        if (task.State == SourceTaskState.NotFound)
        {
            task = await SnapshotOfPurgedTaskAsync(w, ct) is { } made
                ? task with { State = SourceTaskState.Success, Result = made }
                : task with { State = SourceTaskState.Error, Error = $"vCenter no longer knows task {task.Id} and the VM has no new '{MigrationNames.SnapshotName}' snapshot" };
        }

        switch (task.State)
        {
            case SourceTaskState.Success:
                precopy.Snapshot = task.Result;
                w.Next();
                break;
            case SourceTaskState.Error when w.Status.Phase == Phases.WaitForSnapshot:
                await WarmFailureAsync(w, $"Creating snapshot failed: {task.Error}", ct);
                break;
            case SourceTaskState.Error:
                w.Fail($"Creating snapshot failed: {task.Error}");
                break;
        }
    }

    /// <summary>Records the snapshot's per-disk change ids before anything removes that snapshot.</summary>
    private static async Task StoreDeltasAsync(VmWork w, CancellationToken ct)
    {
        var precopy = Current(w)!;
        var ids = await w.Source.GetSnapshotChangeIdsAsync(w.Vm.Id, precopy.Snapshot!, ct);
        precopy.Deltas = ids.Select(d => new DiskDelta(DiskNames.TrimSnapshotSuffix(d.BackingFile), d.ChangeId)).ToList();
        w.Next();
    }

    private static void CopyingPaused(VmWork w)
    {
        var cutover = w.Run.CutoverFor(w.Vm.Id);
        if (cutover is { } at && at <= w.Now)
        {
            w.Status.Conditions.RemoveAll(c => c.Type == EngineConditions.Paused);
            w.MoveTo(Phases.StorePowerState);
        }
        else if (w.WarmStatus.NextPrecopyAt is not { } next || next <= w.Now)
        {
            w.Status.Conditions.RemoveAll(c => c.Type == EngineConditions.Paused);
            w.MoveTo(Phases.RemovePreviousSnapshot);
        }
    }

    /// <summary>Removes the last good precopy's snapshot (its change ids are already stored).</summary>
    private static async Task RemoveLastSnapshotAsync(VmWork w, CancellationToken ct)
    {
        var previous = LastGood(w);
        if (previous is { Snapshot: { } snapshot, RemoveTaskId: null })
        {
            previous.RemoveTaskId = await w.Source.RemoveSnapshotAsync(w.Vm.Id, snapshot, ct);
        }

        w.Next();
    }

    private static async Task WaitForRemovalAsync(VmWork w, Precopy? precopy, CancellationToken ct)
    {
        if (precopy?.RemoveTaskId is not { } taskId)
        {
            w.Next();
            return;
        }

        var task = await w.Source.GetTaskAsync(taskId, ct);
        if (task.State == SourceTaskState.NotFound)
        {
            task = await SnapshotGoneAsync(w, precopy.Snapshot!, ct)
                ? task with { State = SourceTaskState.Success }
                : task with { State = SourceTaskState.Error, Error = $"vCenter no longer knows task {taskId} and the snapshot is still on the VM" };
        }

        if (task.State == SourceTaskState.Success) w.Next();
        else if (task.State == SourceTaskState.Error) throw new InvalidOperationException($"Removing snapshot '{precopy.Snapshot}' failed: {task.Error}");
    }

    /// <summary>Checkpoint = {previous: the last good precopy's change id of the same disk, current: the new snapshot}.</summary>
    private static async Task AddCheckpointAsync(VmWork w, bool final, CancellationToken ct)
    {
        var current = Current(w)!;
        var previous = LastGood(w) ?? throw new InvalidOperationException("No earlier precopy has change ids to continue from.");
        foreach (var disk in w.Vm.Disks)
        {
            var diskName = DiskNames.TrimSnapshotSuffix(disk.File);
            var delta = previous.Deltas.FirstOrDefault(d => d.Disk == diskName)
                ?? throw new InvalidOperationException($"Precopy {w.WarmStatus.Precopies.IndexOf(previous) + 1} recorded no change id for disk {diskName}.");
            await w.Target.AddCheckpointAsync(w.Namespace, w.DataVolumeName(disk), new DataVolumeCheckpoint(delta.DeltaId, current.Snapshot!), final, ct);
        }

        if (!final && w.Step(PipelineSteps.DiskTransfer) is { } step)
        {
            PipelineProgress.ResetDisks(step, w.WarmStatus.Precopies.Count, w.Now);
        }

        w.MoveTo(final ? Phases.Finalize : Phases.CopyDisks);
    }

    private static async Task RemoveFinalSnapshotAsync(VmWork w, CancellationToken ct)
    {
        var final = Current(w);
        if (final is not { Final: true, Snapshot: { } snapshot })
        {
            w.Next();
            return;
        }

        if (final.RemoveTaskId is null)
        {
            final.RemoveTaskId = await w.Source.RemoveSnapshotAsync(w.Vm.Id, snapshot, ct);
            w.Changed = true;
            return;
        }

        var task = await w.Source.GetTaskAsync(final.RemoveTaskId, ct);
        if (task.State is SourceTaskState.Success or SourceTaskState.Error or SourceTaskState.NotFound) w.Next();
    }

    /// <summary>
    /// A failed precopy: counts it, removes its snapshot, and either fails the VM at the retry limits
    /// (10 in all or 5 in a row by default) or pauses until the retry.
    /// </summary>
    public static async Task WarmFailureAsync(VmWork w, string message, CancellationToken ct)
    {
        var warm = w.WarmStatus;
        warm.Failures++;
        warm.ConsecutiveFailures++;
        var current = Current(w);
        if (current is { End: null })
        {
            current.End = w.Now;
            current.Error = message;
            if (current is { Snapshot: { } snapshot, RemoveTaskId: null })
            {
                try
                {
                    current.RemoveTaskId = await w.Source.RemoveSnapshotAsync(w.Vm.Id, snapshot, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    current.Error += $" (removing its snapshot also failed: {e.Message})";
                }
            }
        }

        if (warm.Failures >= w.Settings.WarmMaxFailures || warm.ConsecutiveFailures >= w.Settings.WarmMaxConsecutiveFailures)
        {
            w.Fail($"Warm migration retry limit reached: {warm.Failures} failed precopies in all (limit {w.Settings.WarmMaxFailures}), "
                + $"{warm.ConsecutiveFailures} in a row (limit {w.Settings.WarmMaxConsecutiveFailures}). Last error: {message}");
            return;
        }

        var backoff = TimeSpan.FromMinutes(Math.Pow(2, warm.ConsecutiveFailures - 1));
        warm.NextPrecopyAt = w.Now + (backoff < w.PrecopyInterval ? backoff : w.PrecopyInterval);
        Pause(w, $"Precopy failed ({message}); retry {warm.ConsecutiveFailures} at {warm.NextPrecopyAt:u}.");
        w.MoveTo(Phases.CopyingPaused);
    }

    private static void Pause(VmWork w, string message) =>
        w.SetCondition(new Condition
        {
            Type = EngineConditions.Paused,
            Category = ConditionCategory.Advisory,
            Message = message,
        });
}
