using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Engine;

/// <summary>
/// When a warm precopy's copy is done. CDI reports a stale <c>Paused</c> right after a checkpoint is added
/// (the previous checkpoint's state, before it has reconciled the new one), so <c>Paused</c> alone is not
/// enough: the DataVolume's PVC must also carry <c>cdi.kubevirt.io/storage.checkpoint.copied.&lt;current&gt;</c>
/// for the newest checkpoint.
/// kubev2v/forklift d42511bb2 pkg/controller/plan/migration.go:2043-2062 (3f92607e9, MTV-3789);
/// kubevirt/containerized-data-importer c07cdb6fb pkg/controller/common/checkpoint-util.go: setPvcMultistageImportAnnotations.
/// </summary>
internal static class PrecopyCompletion
{
    public static bool CheckpointCopied(DataVolumeStatus dv) =>
        dv.Phase == DataVolumePhase.Paused
        && dv.Checkpoints.Count > 0
        && dv.CopiedCheckpoints.Contains(dv.Checkpoints[^1].Current, StringComparer.Ordinal);
}
