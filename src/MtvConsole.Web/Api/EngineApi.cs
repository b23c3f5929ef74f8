using MtvConsole.Core.Engine;
using MtvConsole.Web.Auth;

namespace MtvConsole.Web.Api;

/// <summary>
/// Migration runs over REST: start a plan, set or remove the cutover, cancel VMs or the run (operators;
/// audited by the commands), read runs (everyone), and the engine settings (admins).
/// </summary>
internal static class EngineApi
{
    public static void MapEngineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery();

        api.MapGet("/plans/{name}/runs", async (string name, IMigrationStore store, CancellationToken ct) =>
        {
            var plan = await store.FindPlanAsync(name, ct);
            return plan is null ? NoPlan(name) : Results.Ok((await store.GetRunsAsync(plan.Id, ct)).Select(RunDto.From));
        });

        api.MapPost("/plans/{name}/start", async (string name, StartRequest? body, HttpContext http, MigrationCommands commands, CancellationToken ct) =>
            Outcome(name, await commands.StartAsync(name, http.User.UserName(), body?.Cutover, body?.PrecopyIntervalMinutes, ct), StatusCodes.Status201Created))
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/plans/{name}/cutover", async (string name, CutoverRequest body, HttpContext http, MigrationCommands commands, TimeProvider time, CancellationToken ct) =>
            Outcome(name, await commands.SetCutoverAsync(name, body.Now ? time.GetUtcNow() : body.At, body.VmId, http.User.UserName(), ct), StatusCodes.Status200OK))
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/plans/{name}/cancel", async (string name, CancelRequest? body, HttpContext http, MigrationCommands commands, CancellationToken ct) =>
            Outcome(name, await commands.CancelAsync(name, body?.Vms, http.User.UserName(), ct), StatusCodes.Status200OK))
            .RequireAuthorization(Policies.Operator);

        api.MapGet("/engine/settings", async (IMigrationStore store, CancellationToken ct) => await store.GetSettingsAsync(ct))
            .RequireAuthorization(Policies.Admin);

        api.MapPut("/engine/settings", async (EngineSettings body, HttpContext http, MigrationCommands commands, CancellationToken ct) =>
        {
            var result = await commands.UpdateSettingsAsync(body, http.User.UserName(), ct);
            return result.Succeeded ? Results.Ok(result.Value) : Results.Problem(statusCode: 400, title: result.Problem);
        }).RequireAuthorization(Policies.Admin);
    }

    private static IResult NoPlan(string name) => Results.Problem(statusCode: 404, title: $"No plan named '{name}'.");

    private static IResult Outcome(string name, CommandResult<Core.Resources.MigrationRun> result, int status) =>
        result.Succeeded ? Results.Json(RunDto.From(result.Value!), statusCode: status)
        : result.Problem == $"No plan named '{name}'." ? NoPlan(name)
        : Results.Problem(statusCode: 409, title: result.Problem);
}

internal sealed record StartRequest(DateTimeOffset? Cutover, int? PrecopyIntervalMinutes);

/// <summary>Cutover at <see cref="At"/> (null removes it) or <see cref="Now"/>; for the run or one VM.</summary>
internal sealed record CutoverRequest(DateTimeOffset? At, bool Now, string? VmId);

/// <summary>VM ids or names to cancel; none cancels the whole run.</summary>
internal sealed record CancelRequest(IReadOnlyList<string>? Vms);
