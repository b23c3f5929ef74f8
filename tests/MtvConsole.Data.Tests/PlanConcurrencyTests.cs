using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;
using MtvConsole.Data.Engine;
using MtvConsole.Data.Startup;

namespace MtvConsole.Data.Tests;

/// <summary>
/// The engine saves run status on a plan while the readiness service and editors save the same plan:
/// a writer holding an older copy must not overwrite what another writer saved meanwhile.
/// </summary>
public sealed class PlanConcurrencyTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public PlanConcurrencyTests() => Assert.Null(DatabaseStartup.Prepare(_db.ConnectionString, o => new MtvDbContext(o)));

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_stale_plan_save_is_refused_and_its_retry_keeps_the_engine_status()
    {
        var planId = await SeedPlanAsync();
        var store = new EfMigrationStore(new Factory(_db));
        var attempts = 0;

        await ConcurrencyRetry.RunAsync(async () =>
        {
            attempts++;
            await using var readiness = _db.Open();
            var plan = await readiness.Plans.SingleAsync(p => p.Id == planId);
            if (attempts == 1)
            {
                // The engine finishes the run between the readiness service's read and its save.
                await store.UpdatePlanAsync(planId, p => p.Conditions.Add(new Condition
                {
                    Type = ConditionTypes.Succeeded, Category = ConditionCategory.Advisory, Message = "The plan execution has SUCCEEDED.", Durable = true,
                }));
            }

            plan.Conditions = [.. plan.Conditions.Where(c => c.Type != ConditionTypes.Ready), new Condition
            {
                Type = ConditionTypes.Ready, Category = ConditionCategory.Required, Message = "The migration plan is ready.",
            }];
            await readiness.SaveChangesAsync();
        });

        Assert.Equal(2, attempts);
        await using var db = _db.Open();
        var saved = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId);
        Assert.Contains(saved.Conditions, c => c.Type == ConditionTypes.Succeeded);
        Assert.Contains(saved.Conditions, c => c.Type == ConditionTypes.Ready);
        Assert.Equal(2, saved.Revision);
    }

    [Fact]
    public async Task Retries_give_up_after_the_limit_with_the_concurrency_error()
    {
        var planId = await SeedPlanAsync();
        var attempts = 0;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => ConcurrencyRetry.RunAsync(async () =>
        {
            attempts++;
            await using var stale = _db.Open();
            var plan = await stale.Plans.SingleAsync(p => p.Id == planId);
            await using (var other = _db.Open())
            {
                (await other.Plans.SingleAsync(p => p.Id == planId)).Description = $"edit {attempts}";
                await other.SaveChangesAsync();
            }

            plan.Description = "stale";
            await stale.SaveChangesAsync();
        }));

        Assert.Equal(ConcurrencyRetry.Attempts, attempts);
        await using var db = _db.Open();
        Assert.Equal($"edit {ConcurrencyRetry.Attempts}", (await db.Plans.AsNoTracking().SingleAsync()).Description);
    }

    private async Task<Guid> SeedPlanAsync()
    {
        await using var db = _db.Open();
        var source = new Provider { Name = "vcenter", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab };
        var destination = new Provider { Name = "host", Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab };
        var plan = new Plan { Name = "wave", SourceProviderId = source.Id, DestinationProviderId = destination.Id, TargetNamespace = "vm-imports" };
        db.AddRange(source, destination, plan);
        await db.SaveChangesAsync();
        return plan.Id;
    }

    private sealed class Factory(TempDatabase db) : IDbContextFactory<MtvDbContext>
    {
        public MtvDbContext CreateDbContext() => db.Open();
    }
}
