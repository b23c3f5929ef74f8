using MtvConsole.Core.Ports;
using MtvConsole.Lab.State;

namespace MtvConsole.Lab.Simulation;

/// <summary>
/// Computes a DataVolume's status at a point in time from its stored stages: Pending → ImportScheduled →
/// ImportInProgress → Succeeded (cold, or warm after the final checkpoint) or Paused (warm, waiting for a checkpoint).
/// After a checkpoint is added it stays Paused for <see cref="LabOptions.CheckpointPickupSeconds"/>, as CDI does, and
/// only lists a checkpoint in <c>CopiedCheckpoints</c> once its copy is done.
/// Progress is that of the current copy; <c>BytesTransferred</c> counts all copies.
/// </summary>
internal static class DataVolumeProgress
{
    public static DataVolumeStatus At(LabDataVolumeState dv, DateTimeOffset now, LabOptions options)
    {
        var checkpoints = dv.Spec.Checkpoints;
        if (dv.FailureMessage is not null)
        {
            return Status(DataVolumePhase.Failed, 0, dv.FailureMessage, 0);
        }

        if (dv.WaitForFirstConsumer && dv.ConsumerStartedAt is null)
        {
            return Status(DataVolumePhase.Pending, 0, "PVC is waiting for its first consumer to be created before binding (WaitForFirstConsumer)", 0);
        }

        var origin = dv.ConsumerStartedAt is { } consumer && consumer > dv.CreatedAt ? consumer : dv.CreatedAt;
        var scheduledAt = origin.AddSeconds(options.DataVolumePendingSeconds);
        var copyAt = scheduledAt.AddSeconds(options.DataVolumeScheduledSeconds);
        if (now < scheduledAt)
        {
            return Status(DataVolumePhase.Pending, 0, "PVC pending: waiting for the volume to be provisioned", 0);
        }

        if (now < copyAt)
        {
            return Status(DataVolumePhase.ImportScheduled, 0, "Import pod scheduled", 0);
        }

        long done = 0;
        var stageStart = copyAt;
        for (var i = 0; i < dv.Stages.Count; i++)
        {
            var stage = dv.Stages[i];

            // A checkpoint added after a pause: CDI still reports the stale Paused until it has reconciled it.
            var pickedUpAt = i == 0 ? stage.RequestedAt : stage.RequestedAt.AddSeconds(options.CheckpointPickupSeconds);
            if (pickedUpAt > stageStart)
            {
                if (now < pickedUpAt)
                {
                    return Status(DataVolumePhase.Paused, 100, "Import paused: waiting for the next checkpoint", done, i);
                }

                stageStart = pickedUpAt;
            }

            var seconds = stage.Bytes / dv.BytesPerSecond;
            var end = stageStart.AddSeconds(seconds);
            if (now < end)
            {
                var copied = (long)((now - stageStart).TotalSeconds * dv.BytesPerSecond);
                var percent = stage.Bytes == 0 ? 100 : 100.0 * copied / stage.Bytes;
                var what = stage.Checkpoint is null || string.IsNullOrEmpty(stage.Checkpoint.Previous) ? "full copy" : "delta copy";
                return Status(DataVolumePhase.ImportInProgress, percent, $"Import in progress ({what} {i + 1} via {dv.PathDescription})", done + copied, i);
            }

            done += stage.Bytes;
            stageStart = end;
        }

        // After the final checkpoint CDI drops the copied annotations (checkpoint-util.go: deleteMultistageImportAnnotations).
        var warm = checkpoints.Count > 0;
        return warm && !dv.FinalCheckpoint
            ? Status(DataVolumePhase.Paused, 100, "Import paused: waiting for the next checkpoint", done, dv.Stages.Count)
            : Status(DataVolumePhase.Succeeded, 100, "Import complete", done, 0);

        // copiedStages: how many stages are copied, whose checkpoints CDI lists as copied on the PVC
        // (kubevirt/containerized-data-importer c07cdb6fb pkg/controller/common/checkpoint-util.go: setPvcMultistageImportAnnotations).
        DataVolumeStatus Status(DataVolumePhase phase, double percent, string message, long bytes, int copiedStages = 0) =>
            new(dv.Spec.Namespace, dv.Spec.Name, phase, Math.Round(Math.Clamp(percent, 0, 100), 2), 0, message, checkpoints, dv.FinalCheckpoint, bytes)
            {
                CopiedCheckpoints = dv.Stages.Take(copiedStages).Select(s => s.Checkpoint?.Current).OfType<string>().ToArray(),
            };
    }
}
