namespace MtvConsole.Web.Dashboard;

/// <summary>
/// Everything a watcher needs about one VM of a plan's latest run, as the hub and the pages show it.
/// <see cref="Version"/> grows with every read of the store, so a newer state always has a higher version.
/// A progress-only update leaves out <see cref="Precopies"/> and <see cref="Pipeline"/> (null: unchanged
/// since the last full state, which every phase change, finished precopy and snapshot carries); apply it
/// with <see cref="Over"/>.
/// </summary>
public sealed record VmProgressDto(
    string Plan,
    Guid RunId,
    string VmId,
    string Name,
    string Phase,
    string PipelineStatus,
    string? Step,
    IReadOnlyList<DiskProgressDto> Disks,
    IReadOnlyList<PrecopyDto>? Precopies,
    DateTimeOffset? NextPrecopyAt,
    int PrecopyFailures,
    double BytesPerSecond,
    TimeSpan? Eta,
    TimeSpan? PredictedDowntime,
    DateTimeOffset? Started,
    DateTimeOffset? Completed,
    DateTimeOffset? Cutover,
    bool Warm,
    IReadOnlyList<string> Errors,
    IReadOnlyList<StepDto>? Pipeline,
    long Version)
{
    public bool IsFull => Pipeline is not null;

    /// <summary>
    /// This state applied over the previous one of the same VM: a full state stands alone; a progress-only
    /// one keeps the previous precopies and pipeline, with the running disk tasks' progress brought up to date.
    /// </summary>
    public VmProgressDto Over(VmProgressDto? previous)
    {
        if (IsFull) return this;
        var disks = Disks.ToDictionary(d => d.Name);
        var pipeline = (previous?.Pipeline ?? []).Select(step =>
        {
            if (step.Tasks.Count == 0 || !step.Tasks.All(t => disks.ContainsKey(t.Name)) || step.Phase != "Running") return step;
            var tasks = step.Tasks.Select(t => t with { Completed = disks[t.Name].CompletedMiB, Total = disks[t.Name].TotalMiB }).ToArray();
            return step with { Tasks = tasks, Completed = tasks.Sum(t => t.Completed), Total = tasks.Sum(t => t.Total) };
        }).ToArray();
        return this with { Precopies = previous?.Precopies ?? [], Pipeline = pipeline };
    }

    public long CompletedMiB => Disks.Sum(d => d.CompletedMiB);

    public long TotalMiB => Disks.Sum(d => d.TotalMiB);

    public int DisksDone => Disks.Count(d => d.Done);
}

/// <summary>One disk of the running (or last) disk step: MiB copied of the disk's size.</summary>
public sealed record DiskProgressDto(string Name, long CompletedMiB, long TotalMiB, bool Done);

/// <summary>One warm precopy: number, times, bytes copied, state (Running, Succeeded, Failed) and the failure reason.</summary>
public sealed record PrecopyDto(int Number, DateTimeOffset Start, DateTimeOffset? End, long BytesCopied, string State, string? Error, bool Final)
{
    public TimeSpan? Duration => End - Start;
}

/// <summary>A pipeline step (Initialize, DiskTransfer, Cutover, …) with its tasks and error reasons.</summary>
public sealed record StepDto(string Name, string Description, string Phase, long Completed, long Total, string? Unit,
    DateTimeOffset? Started, DateTimeOffset? Finished, IReadOnlyList<StepTaskDto> Tasks, IReadOnlyList<string> Errors);

public sealed record StepTaskDto(string Name, string Phase, long Completed, long Total, DateTimeOffset? Finished, IReadOnlyList<string> Errors);

/// <summary>A VM's phase change; these are never coalesced away.</summary>
public sealed record PhaseChangeDto(string Plan, string VmId, string From, string To, DateTimeOffset At);

/// <summary>A plan's state with the VM counts per state of its latest run, overall disk progress and throughput.</summary>
public sealed record PlanStatusDto(
    string Plan,
    Guid PlanId,
    Guid? RunId,
    string Status,
    bool Warm,
    bool Running,
    int Total,
    int NotStarted,
    int InProgress,
    int WaitingForCutover,
    int Succeeded,
    int Failed,
    int Canceled,
    long CompletedMiB,
    long TotalMiB,
    double BytesPerSecond,
    DateTimeOffset? Cutover,
    long Version);

/// <summary>A VM's validation concerns changed (empty when it has none any more).</summary>
public sealed record ValidationFlagsDto(string Plan, string VmId, string VmName, IReadOnlyList<ConcernDto> Concerns);

public sealed record ConcernDto(string Id, string Category, string Label, string Assessment);

/// <summary>A plan's whole state, sent first to a new subscriber.</summary>
public sealed record PlanSnapshotDto(PlanStatusDto Status, IReadOnlyList<VmProgressDto> Vms, IReadOnlyList<ValidationFlagsDto> Flags);

/// <summary>
/// One flush for one plan: phase changes in order, the latest state of each changed VM, and the plan's status
/// (null when only progress changed and the status went out less than a second ago).
/// </summary>
public sealed record ProgressBatchDto(string Plan, IReadOnlyList<PhaseChangeDto> PhaseChanges, IReadOnlyList<VmProgressDto> Vms, PlanStatusDto? Status);
