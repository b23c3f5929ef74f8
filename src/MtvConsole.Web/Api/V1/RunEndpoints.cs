using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Auth;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// Migration runs: read (everyone); start, restart, set or remove the cutover for the plan or one VM, and
/// cancel VMs or the run (operators). The engine's commands audit every change and every refusal.
/// </summary>
internal static class RunEndpoints
{
    public static void MapRunEndpoints(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/plans/{name}").WithTags("Runs");

        runs.MapGet("/runs", async (string name, IMigrationStore store, CancellationToken ct) =>
            await store.FindPlanAsync(name, ct) is { } plan
                ? Results.Ok((await store.GetRunsAsync(plan.Id, ct)).OrderByDescending(r => r.CreatedAt).Select(RunDto.From))
                : ApiProblems.NotFound("plan", name))
            .WithSummary("The plan's runs, newest first, with each VM's phase, pipeline and outcome");

        runs.MapPost("/start", async (string name, StartRequest? body, HttpContext http, MigrationCommands commands, IMigrationStore store, CancellationToken ct) =>
        {
            if (body?.PrecopyIntervalMinutes is < 1 or > 1440) return ApiProblems.Invalid("precopyIntervalMinutes", "The precopy interval is between 1 and 1440 minutes.");
            var result = await commands.StartAsync(name, http.User.UserName(), body?.Cutover, body?.PrecopyIntervalMinutes, ct);
            return result.Succeeded ? Results.Created($"/api/v1/plans/{name}/runs", RunDto.From(result.Value!)) : await StartRefusedAsync(store, name, result.Problem!, ct);
        }).RequireAuthorization(Policies.Operator)
          .WithSummary("Start a run of a Ready plan; refused with the blocking conditions when the plan is not ready");

        runs.MapGet("/restart-preview", async (string name, MigrationCommands commands, CancellationToken ct) =>
        {
            var result = await commands.PreviewRestartAsync(name, ct);
            return result.Succeeded ? Results.Ok(RestartPreviewDto.From(result.Value!)) : ApiProblems.Refused(result.Problem!);
        }).WithSummary("What a restart would do: VMs kept (succeeded before) and VMs that run again, with the leftovers removed first");

        runs.MapPost("/restart", async (string name, StartRequest? body, HttpContext http, MigrationCommands commands, IMigrationStore store, CancellationToken ct) =>
        {
            if (body?.PrecopyIntervalMinutes is < 1 or > 1440) return ApiProblems.Invalid("precopyIntervalMinutes", "The precopy interval is between 1 and 1440 minutes.");
            var preview = await commands.PreviewRestartAsync(name, ct);
            if (!preview.Succeeded) return ApiProblems.Refused(preview.Problem!);
            if (preview.Value!.RunAgain.Count == 0) return ApiProblems.Conflict($"Every VM of plan '{name}' already succeeded; there is nothing to restart.");
            var result = await commands.StartAsync(name, http.User.UserName(), body?.Cutover, body?.PrecopyIntervalMinutes, ct);
            return result.Succeeded ? Results.Created($"/api/v1/plans/{name}/runs", RunDto.From(result.Value!)) : await StartRefusedAsync(store, name, result.Problem!, ct);
        }).RequireAuthorization(Policies.Operator)
          .WithSummary("Restart a finished plan: VMs that succeeded are kept, the others run again");

        runs.MapPut("/cutover", (string name, CutoverRequest body, HttpContext http, CancellationToken ct) => SetCutoverAsync(http, name, null, body, ct))
            .RequireAuthorization(Policies.Operator).WithSummary("Set the run's cutover (at a time, or now); a past time starts the cutover now");
        runs.MapDelete("/cutover", (string name, HttpContext http, CancellationToken ct) => SetCutoverAsync(http, name, null, null, ct))
            .RequireAuthorization(Policies.Operator).WithSummary("Remove the run's cutover: warm VMs keep copying until one is set");
        runs.MapPut("/vms/{vm}/cutover", (string name, string vm, CutoverRequest body, HttpContext http, CancellationToken ct) => SetCutoverAsync(http, name, vm, body, ct))
            .RequireAuthorization(Policies.Operator).WithSummary("Set one VM's cutover (VM id or name), overriding the run's");
        runs.MapDelete("/vms/{vm}/cutover", (string name, string vm, HttpContext http, CancellationToken ct) => SetCutoverAsync(http, name, vm, null, ct))
            .RequireAuthorization(Policies.Operator).WithSummary("Remove one VM's own cutover: it follows the run's again");

        runs.MapPost("/cancel", async (string name, CancelRequest? body, HttpContext http, MigrationCommands commands, IMigrationStore store, CancellationToken ct) =>
        {
            var vms = body?.Vms?.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
            if (vms is { Count: > 0 })
            {
                var (run, problem) = await CurrentRunAsync(store, name, ct);
                if (run is null) return problem!;
                var unknown = vms.Where(v => ResolveVm(run.Value.Plan, run.Value.Run, v) is null).ToList();
                if (unknown.Count > 0) return ApiProblems.Invalid("vms", $"Not in plan '{name}': {string.Join(", ", unknown)}.");
            }
            var result = await commands.CancelAsync(name, vms, http.User.UserName(), ct);
            return result.Succeeded ? Results.Ok(RunDto.From(result.Value!)) : ApiProblems.Refused(result.Problem!);
        }).RequireAuthorization(Policies.Operator).WithSummary("Cancel the named VMs (ids or names) of the running run, or the whole run when none are named");
    }

    private static async Task<IResult> SetCutoverAsync(HttpContext http, string name, string? vm, CutoverRequest? body, CancellationToken ct)
    {
        var services = http.RequestServices;
        var store = services.GetRequiredService<IMigrationStore>();
        if (body is { Now: false, At: null }) return ApiProblems.Invalid("at", "Give at (a date and time with its offset) or now: true; DELETE removes the cutover.");
        if (body is { Now: true, At: not null }) return ApiProblems.Invalid("at", "Give either at or now, not both.");
        string? vmId = null;
        if (vm is not null)
        {
            var (run, problem) = await CurrentRunAsync(store, name, ct);
            if (run is null) return problem!;
            vmId = ResolveVm(run.Value.Plan, run.Value.Run, vm);
            if (vmId is null) return ApiProblems.NotFound($"Plan '{name}' has no VM '{vm}'.");
        }
        var at = body is null ? null : body.Now ? services.GetRequiredService<TimeProvider>().GetUtcNow() : body.At;
        var result = await services.GetRequiredService<MigrationCommands>().SetCutoverAsync(name, at, vmId, http.User.UserName(), ct);
        return result.Succeeded ? Results.Ok(RunDto.From(result.Value!)) : ApiProblems.Refused(result.Problem!);
    }

    /// <summary>The id of a VM of the run (or, before the run's first step, of the plan) given by id or name.</summary>
    private static string? ResolveVm(Plan plan, MigrationRun run, string vm) =>
        run.Vms.FirstOrDefault(v => v.VmId == vm)?.VmId
        ?? run.Vms.FirstOrDefault(v => string.Equals(v.Name, vm, StringComparison.OrdinalIgnoreCase))?.VmId
        ?? plan.Vms.FirstOrDefault(v => v.Ref.Id == vm || string.Equals(v.Ref.Name, vm, StringComparison.OrdinalIgnoreCase))?.Ref.Id;

    private static async Task<((Plan Plan, MigrationRun Run)? Run, IResult? Problem)> CurrentRunAsync(IMigrationStore store, string name, CancellationToken ct)
    {
        var plan = await store.FindPlanAsync(name, ct);
        if (plan is null) return (null, ApiProblems.NotFound("plan", name));
        var run = (await store.GetUnfinishedRunsAsync(ct)).Where(r => r.PlanId == plan.Id).OrderBy(r => r.CreatedAt).FirstOrDefault();
        return run is null ? (null, ApiProblems.Conflict($"Plan '{name}' has no run in progress.")) : ((plan, run), null);
    }

    /// <summary>A refused start: a plan with blockers lists every one of them; other refusals say why.</summary>
    private static async Task<IResult> StartRefusedAsync(IMigrationStore store, string name, string problem, CancellationToken ct) =>
        await store.FindPlanAsync(name, ct) is { HasBlocker: true, Archived: false } plan
            ? ApiProblems.NotReady(name, plan.Conditions.Where(c => c.IsBlocker), problem)
            : ApiProblems.Refused(problem);
}
