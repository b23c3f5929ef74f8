using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Api;

/// <summary>A run as the API shows it: times, cutover, cancel list, state and each VM's phase and outcome.</summary>
internal sealed record RunDto(
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
        run.Cancel.Select(r => r.Id ?? r.Name ?? "").ToArray(),
        run.Conditions.Select(c => c.Type).ToArray(),
        run.Vms.Select(v => new RunVmDto(v.VmId, v.Name, v.Phase, v.Started, v.Completed,
            v.Conditions.Where(c => c.Status == "True").Select(c => c.Type).ToArray(), v.Error?.Reasons.LastOrDefault(), v.Warm?.Successes)).ToArray());
}

internal sealed record RunVmDto(string Id, string Name, string Phase, DateTimeOffset? Started, DateTimeOffset? Completed,
    IReadOnlyList<string> Conditions, string? Error, int? Precopies);
