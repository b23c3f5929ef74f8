using MtvConsole.Core.Resources;
using MtvConsole.Web.Planning;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// A plan as the API shows it: its settings, its state (<c>status</c> as the plan list shows it), its
/// conditions, and each VM with its status in the latest run.
/// </summary>
public sealed record PlanDto(
    string Name,
    string Description,
    string Status,
    bool Ready,
    bool Archived,
    string SourceProvider,
    string DestinationProvider,
    string TargetNamespace,
    string? NetworkMap,
    string? StorageMap,
    bool Warm,
    int? PrecopyIntervalMinutes,
    DateTimeOffset? ScheduledCutover,
    string? TransferNetwork,
    IReadOnlyList<string> Hooks,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ConditionDto> Conditions,
    IReadOnlyList<PlanVmDto> Vms,
    RunDto? LatestRun);

/// <summary>A VM of a plan; <c>run</c> is its status in the latest run (null before the plan ran).</summary>
public sealed record PlanVmDto(string Id, string? Name, RunVmDto? Run);

/// <summary>
/// A plan as the API accepts it, with the wizard's rules. VMs by id or name. Maps: <c>networkMap</c> /
/// <c>storageMap</c> name existing maps; otherwise <c>networkEntries</c> / <c>storageEntries</c> create new
/// maps named after the plan. <c>preHook</c> / <c>postHook</c> create the plan's hooks. On an update, fields
/// left out keep their value.
/// </summary>
public sealed record PlanRequest(
    string? Name = null,
    string? Description = null,
    string? SourceProvider = null,
    string? DestinationProvider = null,
    string? TargetNamespace = null,
    IReadOnlyList<string>? Vms = null,
    string? NetworkMap = null,
    IReadOnlyList<NetworkMapEntryDto>? NetworkEntries = null,
    string? StorageMap = null,
    IReadOnlyList<StorageMapEntryDto>? StorageEntries = null,
    bool? Warm = null,
    int? PrecopyIntervalMinutes = null,
    DateTimeOffset? Cutover = null,
    string? TransferNetwork = null,
    HookRequest? PreHook = null,
    HookRequest? PostHook = null);

public sealed record DuplicateRequest(string? Name);

public sealed record ArchiveDto(string Plan, IReadOnlyList<string> CleanedVms, IReadOnlyList<string> Problems);

internal static class PlanDtoMapper
{
    public static PlanDto From(Plan plan, IReadOnlyDictionary<Guid, string> providers, IReadOnlyDictionary<Guid, string> maps,
        IReadOnlyDictionary<Guid, string> hooks, MigrationRun? latest)
    {
        var summary = latest is null ? null : PlanRunSummary.From(latest);
        return new PlanDto(
            plan.Name, plan.Description, PlanStatus.Label(plan, summary), plan.IsReady, plan.Archived,
            providers.GetValueOrDefault(plan.SourceProviderId, ""), providers.GetValueOrDefault(plan.DestinationProviderId, ""), plan.TargetNamespace,
            plan.NetworkMapId is { } n ? maps.GetValueOrDefault(n) : null, plan.StorageMapId is { } s ? maps.GetValueOrDefault(s) : null,
            plan.Warm, plan.PrecopyIntervalMinutes, plan.ScheduledCutover, plan.TransferNetwork,
            [.. plan.Vms.SelectMany(v => v.Hooks).Select(h => h.HookId).Distinct().Select(id => hooks.GetValueOrDefault(id, id.ToString()))],
            plan.CreatedAt, ConditionDto.From(plan.Conditions),
            [.. plan.Vms.Select(v =>
            {
                var status = latest?.Vms.FirstOrDefault(s => s.VmId == v.Ref.Id || (v.Ref.Id is null && s.Name == v.Ref.Name));
                return new PlanVmDto(v.Ref.Id ?? status?.VmId ?? "", v.Ref.Name ?? status?.Name, status is null ? null : RunVmDto.From(status, latest!));
            })],
            latest is null ? null : RunDto.From(latest));
    }
}
