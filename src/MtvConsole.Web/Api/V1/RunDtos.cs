using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// A run as the API shows it: times, cutover, cancel list, its state (<c>Executing</c>, <c>Succeeded</c>,
/// <c>Failed</c>, <c>Canceled</c>) and each VM's phase, pipeline and outcome.
/// </summary>
public sealed record RunDto(
    Guid Id,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? Started,
    DateTimeOffset? Completed,
    DateTimeOffset? Cutover,
    int? PrecopyIntervalMinutes,
    IReadOnlyList<string> Cancel,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<RunVmDto> Vms)
{
    public static RunDto From(MigrationRun run) => new(
        run.Id, run.CreatedAt, run.CreatedBy, run.Started, run.Completed, run.Cutover, run.PrecopyIntervalMinutes,
        [.. run.Cancel.Select(r => r.Id ?? r.Name ?? "")],
        [.. run.Conditions.Where(c => c.Status == ConditionStatus.True).Select(c => c.Type)],
        [.. run.Vms.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).Select(v => RunVmDto.From(v, run))]);
}

/// <summary>One VM of a run: phase, current pipeline step, cutover, outcome conditions, last error and warm precopies.</summary>
public sealed record RunVmDto(string Id, string Name, string Phase, string? Step, DateTimeOffset? Started, DateTimeOffset? Completed,
    DateTimeOffset? Cutover, IReadOnlyList<string> Conditions, string? Error, int? Precopies, IReadOnlyList<PipelineStepDto> Pipeline)
{
    public static RunVmDto From(VmStatus v, MigrationRun run) => new(
        v.VmId, v.Name, v.Phase,
        v.Pipeline.FirstOrDefault(s => s.Phase == StepPhase.Running)?.Name,
        v.Started, v.Completed, run.CutoverFor(v.VmId),
        [.. v.Conditions.Where(c => c.Status == ConditionStatus.True).Select(c => c.Type)],
        v.Error?.Reasons.LastOrDefault(), v.Warm?.Successes,
        [.. v.Pipeline.Select(s => new PipelineStepDto(s.Name, s.Phase.ToString(), s.Progress.Completed, s.Progress.Total, s.Started, s.Completed, s.Error?.Reasons.LastOrDefault()))]);
}

public sealed record PipelineStepDto(string Name, string Phase, long Completed, long Total, DateTimeOffset? Started, DateTimeOffset? Finished, string? Error);

public sealed record StartRequest(DateTimeOffset? Cutover, int? PrecopyIntervalMinutes);

/// <summary>The cutover: at a time (UTC offset included), or <c>now</c>.</summary>
public sealed record CutoverRequest(DateTimeOffset? At, bool Now);

/// <summary>VM ids or names to cancel; none cancels the whole run.</summary>
public sealed record CancelRequest(IReadOnlyList<string>? Vms);

public sealed record RestartPreviewDto(string Plan, IReadOnlyList<RestartPreviewVmDto> Kept, IReadOnlyList<RestartPreviewVmDto> RunAgain)
{
    public static RestartPreviewDto From(RestartPreview p) => new(p.Plan, [.. p.Kept.Select(RestartPreviewVmDto.From)], [.. p.RunAgain.Select(RestartPreviewVmDto.From)]);
}

public sealed record RestartPreviewVmDto(string Id, string Name, string Previously, IReadOnlyList<string> Leftovers)
{
    public static RestartPreviewVmDto From(RestartPreviewVm v) => new(v.VmId, v.Name, v.Previously, v.Leftovers);
}
