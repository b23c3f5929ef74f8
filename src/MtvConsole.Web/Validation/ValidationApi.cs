using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Validation;
using MtvConsole.Data;
using MtvConsole.Web.Auth;

namespace MtvConsole.Web.Validation;

/// <summary>
/// Validation under <c>/api/v1</c>: validate one workload, read a provider's VM concerns, re-check, and
/// acknowledge or withdraw Critical concerns (operators and admins).
/// </summary>
internal static class ValidationApi
{
    public static void MapValidationApi(this RouteGroupBuilder api)
    {
        var v1 = api.MapGroup("").WithTags("Validation");

        v1.MapPost("/validate", async (HttpRequest request, ValidationService validation) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            var (workload, problem) = WorkloadJson.Parse(body);
            if (workload is null) return Results.Problem(statusCode: 400, title: "Not a VM workload.", detail: problem);
            var result = validation.Validate(workload);
            return Results.Ok(new ValidateResponse(result.RulesVersion, [.. result.Concerns.Select(ConcernDto.From)], result.Errors));
        }).WithSummary("Validate one VM workload (Forklift's JSON) against the rules; changes nothing");

        v1.MapGet("/validation/providers/{name}/vms", async (string name, IDbContextFactory<MtvDbContext> dbFactory, ValidationService validation,
            IAcknowledgementStore acks, CancellationToken ct) =>
        {
            if (await ProviderIdAsync(dbFactory, name, ct) is not { } id) return Results.Problem(statusCode: 404, title: $"No provider named '{name}'.");
            var acknowledged = acks.All().Where(a => a.ProviderId == id).ToLookup(a => a.VmId, a => a.ConcernId);
            return Results.Ok(validation.Store.ForProvider(id).OrderBy(v => v.VmName, StringComparer.OrdinalIgnoreCase).Select(v =>
                new VmConcernsDto(name, v.VmId, v.VmName, v.Revision, v.RulesVersion, v.ValidatedAt, [.. v.Concerns.Select(ConcernDto.From)], [.. acknowledged[v.VmId]])));
        }).WithSummary("The concerns of every VM of a provider, with the acknowledged ones");

        v1.MapPost("/validation/recheck", async (IValidationRecheck recheck, ValidationService validation, CancellationToken ct) =>
        {
            var vms = await recheck.RecheckAsync(ct);
            return Results.Ok(new { rulesVersion = validation.Rules.Version, vms, ruleErrors = validation.RuleErrors });
        }).WithSummary("Re-validate every VM with the current rules");

        v1.MapPost("/validation/acknowledgements", (AcknowledgementRequest body, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            ConcernAcknowledgements acknowledgements, CancellationToken ct) =>
            ChangeAsync(body, dbFactory, ct, (id, b) => acknowledgements.AcknowledgeAsync(http.User.UserName(), id, b.VmId!, b.ConcernId!, b.Reason ?? "", ct)))
            .RequireAuthorization(Policies.Operator).WithSummary("Acknowledge a Critical concern of a VM, with a reason (it then no longer blocks plans)");

        v1.MapPost("/validation/acknowledgements/withdraw", (AcknowledgementRequest body, HttpContext http, IDbContextFactory<MtvDbContext> dbFactory,
            ConcernAcknowledgements acknowledgements, CancellationToken ct) =>
            ChangeAsync(body, dbFactory, ct, (id, b) => acknowledgements.WithdrawAsync(http.User.UserName(), id, b.VmId!, b.ConcernId!, b.Reason ?? "", ct)))
            .RequireAuthorization(Policies.Operator).WithSummary("Withdraw the acknowledgement of a Critical concern of a VM, with a reason");
    }

    private static async Task<IResult> ChangeAsync(AcknowledgementRequest body, IDbContextFactory<MtvDbContext> dbFactory, CancellationToken ct,
        Func<Guid, AcknowledgementRequest, Task<string?>> change)
    {
        if (string.IsNullOrWhiteSpace(body.Provider) || string.IsNullOrWhiteSpace(body.VmId) || string.IsNullOrWhiteSpace(body.ConcernId))
            return Results.Problem(statusCode: 400, title: "Give provider, vmId, concernId and reason.");
        if (await ProviderIdAsync(dbFactory, body.Provider, ct) is not { } id) return Results.Problem(statusCode: 404, title: $"No provider named '{body.Provider}'.");
        var problem = await change(id, body);
        return problem is null ? Results.NoContent() : Results.Problem(statusCode: 400, title: problem);
    }

    private static async Task<Guid?> ProviderIdAsync(IDbContextFactory<MtvDbContext> dbFactory, string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Providers.Where(p => p.Name == name).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
    }
}
