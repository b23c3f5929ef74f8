using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Planning;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// Plans: list and read with conditions and VM statuses (everyone); create and edit with the wizard's
/// rules, duplicate, archive and delete (operators). Runs of a plan are in <see cref="RunEndpoints"/>.
/// </summary>
internal static class PlanEndpoints
{
    public static void MapPlanEndpoints(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Plans");

        plans.MapGet("/", async (bool? archived, IDbContextFactory<MtvDbContext> dbFactory, IMigrationStore store, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var all = await db.Plans.AsNoTracking().Where(p => archived == true || !p.Archived).OrderBy(p => p.Name).ToListAsync(ct);
            var names = await NamesAsync(db, ct);
            var result = new List<PlanDto>();
            foreach (var plan in all) result.Add(PlanDtoMapper.From(plan, names.Providers, names.Maps, names.Hooks, await LatestRunAsync(store, plan, ct)));
            return Results.Ok(result);
        }).WithSummary("List plans (archived ones with ?archived=true) with status, conditions and VM statuses");

        plans.MapGet("/{name}", async (string name, IDbContextFactory<MtvDbContext> dbFactory, IMigrationStore store, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, ct);
            if (plan is null) return ApiProblems.NotFound("plan", name);
            var names = await NamesAsync(db, ct);
            return Results.Ok(PlanDtoMapper.From(plan, names.Providers, names.Maps, names.Hooks, await LatestRunAsync(store, plan, ct)));
        }).WithSummary("Read a plan: settings, status, conditions (blockers say why it cannot start) and each VM's status in the latest run");

        plans.MapPost("/", async (PlanRequest body, HttpContext http, PlanRequests requests, PlanStore store, CancellationToken ct) =>
        {
            var state = new PlanWizardState();
            var errors = await requests.ApplyAsync(body, state, await store.NamesAsync(ct), ct);
            if (errors.Count > 0) return ApiProblems.Invalid(errors);
            var problem = await store.CreateAsync(http.User.UserName(), state, ct);
            return problem is not null ? Refused(problem) : Results.Created($"/api/v1/plans/{state.Name}", await ReadAsync(http, state.Name, ct));
        }).RequireAuthorization(Policies.Operator)
          .WithSummary("Create a plan with the wizard's rules: VMs, maps (existing or new), warm settings, transfer network, hooks");

        plans.MapPut("/{name}", async (string name, PlanRequest body, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            PlanRequests requests, PlanStore store, CancellationToken ct) =>
        {
            PlanWizardState state;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, ct);
                if (plan is null) return ApiProblems.NotFound("plan", name);
                state = PlanWizardState.From(plan, await db.Hooks.AsNoTracking().ToDictionaryAsync(h => h.Id, ct));
            }
            var errors = await requests.ApplyAsync(body, state, [.. (await store.NamesAsync(ct)).Where(n => n != name)], ct);
            if (errors.Count > 0) return ApiProblems.Invalid(errors);
            var problem = await store.UpdateAsync(http.User.UserName(), state, ct);
            return problem is not null ? Refused(problem) : Results.Ok(await ReadAsync(http, name, ct));
        }).RequireAuthorization(Policies.Operator)
          .WithSummary("Edit a plan that has not run (fields left out keep their value); a plan that ran is refused: duplicate it");

        plans.MapPost("/{name}/duplicate", async (string name, DuplicateRequest body, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            PlanStore store, CancellationToken ct) =>
        {
            if (await ApiLookup.ByNameAsync<Plan>(dbFactory, name, ct) is not { } plan) return ApiProblems.NotFound("plan", name);
            var problem = await store.DuplicateAsync(http.User.UserName(), plan.Id, body.Name?.Trim() ?? "", ct);
            return problem is not null ? Refused(problem) : Results.Created($"/api/v1/plans/{body.Name!.Trim()}", await ReadAsync(http, body.Name.Trim(), ct));
        }).RequireAuthorization(Policies.Operator).WithSummary("Copy a plan under a new name, sharing its maps and hooks; the copy has never run");

        plans.MapPost("/{name}/archive", async (string name, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory, PlanStore store, CancellationToken ct) =>
        {
            if (await ApiLookup.ByNameAsync<Plan>(dbFactory, name, ct) is not { } plan) return ApiProblems.NotFound("plan", name);
            var result = await store.ArchiveAsync(http.User.UserName(), plan.Id, ct);
            return result.Succeeded
                ? Results.Ok(new ArchiveDto(result.Value!.Plan, result.Value.CleanedVms, result.Value.Problems))
                : ApiProblems.Refused(result.Problem!);
        }).RequireAuthorization(Policies.Operator)
          .WithSummary("Archive a plan that is not running: leftovers of VMs that did not succeed are removed; it can never start again");

        plans.MapDelete("/{name}", async (string name, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory, PlanStore store, CancellationToken ct) =>
        {
            if (await ApiLookup.ByNameAsync<Plan>(dbFactory, name, ct) is not { } plan) return ApiProblems.NotFound("plan", name);
            var problem = await store.DeleteAsync(http.User.UserName(), plan.Id, ct);
            return problem is null ? Results.NoContent() : ApiProblems.Refused(problem);
        }).RequireAuthorization(Policies.Operator).WithSummary("Delete a plan (refused while it runs)");
    }

    private static IResult Refused(string problem) =>
        problem.StartsWith("The name", StringComparison.Ordinal) ? ApiProblems.Invalid("name", problem) : ApiProblems.Refused(problem);

    private static async Task<PlanDto> ReadAsync(HttpContext http, string name, CancellationToken ct)
    {
        await using var db = await http.RequestServices.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync(ct);
        var plan = await db.Plans.AsNoTracking().FirstAsync(p => p.Name == name, ct);
        var names = await NamesAsync(db, ct);
        return PlanDtoMapper.From(plan, names.Providers, names.Maps, names.Hooks, await LatestRunAsync(http.RequestServices.GetRequiredService<IMigrationStore>(), plan, ct));
    }

    private static async Task<MigrationRun?> LatestRunAsync(IMigrationStore store, Plan plan, CancellationToken ct) =>
        (await store.GetRunsAsync(plan.Id, ct)).OrderByDescending(r => r.CreatedAt).FirstOrDefault();

    private static async Task<(Dictionary<Guid, string> Providers, Dictionary<Guid, string> Maps, Dictionary<Guid, string> Hooks)> NamesAsync(MtvDbContext db, CancellationToken ct)
    {
        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var maps = await db.NetworkMaps.AsNoTracking().Select(m => new { m.Id, m.Name }).ToListAsync(ct);
        maps.AddRange(await db.StorageMaps.AsNoTracking().Select(m => new { m.Id, m.Name }).ToListAsync(ct));
        var hooks = await db.Hooks.AsNoTracking().ToDictionaryAsync(h => h.Id, h => h.Name, ct);
        return (providers, maps.ToDictionary(m => m.Id, m => m.Name), hooks);
    }
}
