using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;
using MtvConsole.Core.Validation;
using MtvConsole.Web.Planning;

namespace MtvConsole.Web.Dashboard;

/// <summary>Turns stored runs and VM statuses (plus the engine's estimates) into the dashboard's DTOs.</summary>
public static class VmProgressMapper
{
    public const string NotStarted = "Not started";
    public const string Running = "Running";
    public const string WaitingForCutover = "Waiting for cutover";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Canceled = "Canceled";

    public static VmProgressDto Vm(string plan, bool warm, MigrationRun run, VmStatus vm, VmEstimate estimate, long version, bool full = true)
    {
        var running = vm.IsRunning;
        // Throughput and ETA describe a copy under way; between precopies (and while converting) the last rate is history.
        var copying = running && vm.Phase is Phases.CopyDisks or Phases.Finalize;
        var disks = DiskStep(vm);
        return new VmProgressDto(
            plan, run.Id, vm.VmId, vm.Name, vm.Phase, PipelineStatus(run, vm), running ? PipelineSteps.StepOf(vm.Phase, warm) : null,
            disks?.Tasks.Select(t => new DiskProgressDto(t.Name, t.Progress.Completed, t.Progress.Total, t.Completed is not null)).ToArray() ?? [],
            !full ? null : vm.Warm?.Precopies.Select((p, i) => new PrecopyDto(i + 1, p.Start, p.End, p.BytesCopied,
                p.End is null ? "Running" : p.Error is null ? "Succeeded" : "Failed", p.Error, p.Final)).ToArray() ?? [],
            running ? vm.Warm?.NextPrecopyAt : null,
            vm.Warm?.Failures ?? 0,
            copying ? estimate.BytesPerSecond : 0,
            copying ? estimate.Eta : null,
            running ? estimate.PredictedCutoverDowntime : null,
            vm.Started, vm.Completed, run.CutoverFor(vm.VmId), warm,
            vm.Error?.Reasons ?? [],
            full ? vm.Pipeline.Select(Step).ToArray() : null,
            version);
    }

    public static string PipelineStatus(MigrationRun run, VmStatus vm) => vm switch
    {
        { Completed: not null } when vm.HasCondition(ConditionTypes.Failed) => Failed,
        { Completed: not null } when vm.HasCondition(ConditionTypes.Canceled) => Canceled,
        { Completed: not null } when vm.HasCondition(ConditionTypes.Succeeded) => Succeeded,
        { Completed: not null } => Canceled,
        { Started: null } => NotStarted,
        { Phase: Phases.CopyingPaused } when run.CutoverFor(vm.VmId) is null => WaitingForCutover,
        _ => Running,
    };

    public static PlanStatusDto Plan(Plan plan, MigrationRun? run, IReadOnlyCollection<VmProgressDto> vms, long version)
    {
        int Count(string status) => vms.Count(v => v.PipelineStatus == status);
        var summary = run is null ? null : new PlanRunSummary(Count(Succeeded), Count(Failed), Count(Canceled), Count(Running), Count(WaitingForCutover));
        return new PlanStatusDto(
            plan.Name, plan.Id, run?.Id, PlanStatus.Label(plan, summary), plan.Warm, run is { Completed: null },
            run is null ? plan.Vms.Count : vms.Count, Count(NotStarted), Count(Running), Count(WaitingForCutover), Count(Succeeded), Count(Failed), Count(Canceled),
            vms.Sum(v => v.CompletedMiB), vms.Sum(v => v.TotalMiB), vms.Sum(v => v.BytesPerSecond), run?.Cutover, version);
    }

    public static ValidationFlagsDto Flags(string plan, string vmId, string vmName, IReadOnlyList<Concern> concerns) =>
        new(plan, vmId, vmName, concerns.Select(c => new ConcernDto(c.Id, c.Category.ToString(), c.Label, c.Assessment)).ToArray());

    private static PipelineStep? DiskStep(VmStatus vm)
    {
        var withTasks = vm.Pipeline.Where(s => s.Tasks.Count > 0).ToList();
        return withTasks.FirstOrDefault(s => s.Phase == StepPhase.Running)
            ?? withTasks.LastOrDefault(s => s.Started is not null)
            ?? withTasks.FirstOrDefault();
    }

    private static StepDto Step(PipelineStep s) => new(
        s.Name, s.Description, s.Phase.ToString(), s.Progress.Completed, s.Progress.Total, s.Annotations.GetValueOrDefault(PipelineSteps.UnitAnnotation),
        s.Started, s.Completed,
        s.Tasks.Select(t => new StepTaskDto(t.Name, t.Phase.ToString(), t.Progress.Completed, t.Progress.Total, t.Completed, t.Error?.Reasons ?? [])).ToArray(),
        s.Error?.Reasons ?? []);
}
