using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Planning;
using MtvConsole.Web.Readiness;

namespace MtvConsole.Web.Api.V1;

/// <summary>A hook as the API shows and accepts it: the playbook as plain YAML (stored base64, as Forklift does).</summary>
public sealed record HookDto(string Name, string Image, string Playbook, string? ServiceAccount, int? DeadlineSeconds, IReadOnlyList<string> Plans,
    IReadOnlyList<ConditionDto> Conditions, string? SshKeySecret = null);

public sealed record HookRequest(string? Image, string? Playbook, string? ServiceAccount, int? DeadlineSeconds, string? SshKeySecret = null)
{
    public HookForm ToForm() => new()
    {
        Image = Image ?? HookForm.DefaultImage, Playbook = Playbook ?? "", ServiceAccount = ServiceAccount ?? "", DeadlineSeconds = DeadlineSeconds,
        SshKeySecret = SshKeySecret ?? "",
    };

    /// <summary>The request field a <see cref="HookForm.Problem"/> is about.</summary>
    public static string FieldOf(string problem) =>
        problem.StartsWith("The deadline", StringComparison.Ordinal) ? "deadlineSeconds"
        : problem.Contains("SSH key", StringComparison.Ordinal) ? "sshKeySecret"
        : "image";
}

/// <summary>
/// Hooks: list and read (everyone) and change (operators). Plans create their pre- and post-migration hooks
/// (<c>preHook</c>, <c>postHook</c> in a plan request), as the wizard does.
/// </summary>
internal static class HookEndpoints
{
    public static void MapHookEndpoints(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/hooks").WithTags("Hooks");

        hooks.MapGet("/", async (IDbContextFactory<MtvDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var plans = await db.Plans.AsNoTracking().ToListAsync(ct);
            return (await db.Hooks.AsNoTracking().OrderBy(h => h.Name).ToListAsync(ct)).Select(h => ToDto(h, plans));
        }).WithSummary("List hooks with the plans that use them");

        hooks.MapGet("/{name}", async (string name, IDbContextFactory<MtvDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var hook = await db.Hooks.AsNoTracking().FirstOrDefaultAsync(h => h.Name == name, ct);
            return hook is null ? ApiProblems.NotFound("hook", name) : Results.Ok(ToDto(hook, await db.Plans.AsNoTracking().ToListAsync(ct)));
        }).WithSummary("Read one hook");

        hooks.MapPut("/{name}", async (string name, HookRequest body, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            ReadinessService readiness, IAuditLog audit, CancellationToken ct) =>
        {
            var form = body.ToForm();
            if (form.Problem is { } problem) return ApiProblems.Invalid(HookRequest.FieldOf(problem), problem);
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var hook = await db.Hooks.FirstOrDefaultAsync(h => h.Name == name, ct);
                if (hook is null) return ApiProblems.NotFound("hook", name);
                var changed = form.ToHook(name);
                (hook.Image, hook.Playbook, hook.ServiceAccount, hook.DeadlineSeconds, hook.SshKeySecret) = (changed.Image, changed.Playbook, changed.ServiceAccount, changed.DeadlineSeconds, changed.SshKeySecret);
                hook.Generation++;
                await db.SaveChangesAsync(ct);
            }
            await audit.RecordAsync(http.User.UserName(), AuditActions.Update, $"hook/{name}", $"image {form.Image.Trim()}", true, ct);
            await readiness.RevalidateAllAsync(ct);
            await using var read = await dbFactory.CreateDbContextAsync(ct);
            return Results.Ok(ToDto(await read.Hooks.AsNoTracking().FirstAsync(h => h.Name == name, ct), await read.Plans.AsNoTracking().ToListAsync(ct)));
        }).RequireAuthorization(Policies.Operator).WithSummary("Change a hook's image, playbook, service account, deadline or SSH key Secret");
    }

    private static HookDto ToDto(Hook hook, IReadOnlyList<Plan> plans)
    {
        var form = HookForm.From(hook);
        return new HookDto(hook.Name, hook.Image, form.Playbook, hook.ServiceAccount, hook.DeadlineSeconds,
            [.. plans.Where(p => p.Vms.Any(v => v.Hooks.Any(h => h.HookId == hook.Id))).Select(p => p.Name).Order()],
            ConditionDto.From(hook.Conditions), hook.SshKeySecret);
    }
}
