using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.State;

/// <summary>
/// The Lab's runtime state as plain JSON-serializable records (the inventory itself is regenerated from
/// <see cref="Seed"/> and <see cref="VmCount"/>). Only VMs that were touched appear in <see cref="Vms"/>.
/// </summary>
public sealed record LabState(
    int Seed,
    int VmCount,
    DateTimeOffset WorldStartedAt,
    long NextTaskNumber,
    long NextSnapshotNumber,
    IReadOnlyList<LabVmState> Vms,
    IReadOnlyList<LabTaskState> Tasks,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<LabDataVolumeState> DataVolumes,
    IReadOnlyList<LabTargetVmState> TargetVms,
    IReadOnlyList<LabPodState> Pods,
    IReadOnlyList<LabHookJobState>? HookJobs = null);

/// <summary>Power and snapshot state of a source VM; powered-on time is accumulated for the CBT model.</summary>
public sealed record LabVmState(
    string VmId,
    PowerState PowerState,
    DateTimeOffset? PoweredOnSince,
    long AccumulatedOnMilliseconds,
    DateTimeOffset? ShutdownCompletesAt,
    IReadOnlyList<LabSnapshotState> Snapshots);

/// <summary>A snapshot: <see cref="OnMilliseconds"/> is the VM's powered-on time when it was taken (its change-id sequence).</summary>
public sealed record LabSnapshotState(
    string Id,
    string Name,
    string Description,
    long OnMilliseconds,
    DateTimeOffset ReadyAt,
    DateTimeOffset? RemovedAt);

public enum LabTaskKind
{
    CreateSnapshot,
    RemoveSnapshot,
}

public sealed record LabTaskState(
    string Id,
    LabTaskKind Kind,
    string VmId,
    string SnapshotId,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletesAt,
    string? Error);

/// <summary>One copy of a DataVolume: the first (full) copy or a checkpoint's delta, with its byte count.</summary>
public sealed record LabCopyStageState(DataVolumeCheckpoint? Checkpoint, long Bytes, DateTimeOffset RequestedAt);

public sealed record LabDataVolumeState(
    DataVolumeSpec Spec,
    DateTimeOffset CreatedAt,
    bool WaitForFirstConsumer,
    DateTimeOffset? ConsumerStartedAt,
    double BytesPerSecond,
    string PathDescription,
    IReadOnlyList<LabCopyStageState> Stages,
    bool FinalCheckpoint,
    string? FailureMessage);

public sealed record LabTargetVmState(string Namespace, string Name, IReadOnlyList<string> Macs, bool Running, IReadOnlyList<string> DataVolumes);

public sealed record LabPodState(ConversionPodSpec Spec, DateTimeOffset CreatedAt, double RunSeconds, string? FailureMessage);

/// <summary>A hook Job: its spec and when it started (its attempts and outcome follow from the clock). Absent in states saved before hook jobs were kept.</summary>
public sealed record LabHookJobState(HookJobSpec Spec, DateTimeOffset StartedAt);
