using Microsoft.EntityFrameworkCore;
using MtvConsole.Data;

namespace MtvConsole.Web.Validation;

/// <summary>A plan as the validation page and the warm-plan rules see it: its source provider and VM refs.</summary>
public sealed record PlanVms(string Name, Guid SourceProviderId, bool Warm, IReadOnlyList<string> VmIds, IReadOnlyList<string> VmNames);

/// <summary>Reads the plans (not archived) for validation.</summary>
public interface IPlanLookup
{
    Task<IReadOnlyList<PlanVms>> PlansAsync(CancellationToken ct = default);
}

internal sealed class DbPlanLookup(IDbContextFactory<MtvDbContext> dbFactory) : IPlanLookup
{
    public async Task<IReadOnlyList<PlanVms>> PlansAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plans = await db.Plans.AsNoTracking().Where(p => !p.Archived).OrderBy(p => p.Name).ToListAsync(ct);
        return [.. plans.Select(p => new PlanVms(p.Name, p.SourceProviderId, p.Warm,
            [.. p.Vms.Select(v => v.Ref.Id).OfType<string>()], [.. p.Vms.Select(v => v.Ref.Name).OfType<string>()]))];
    }
}
