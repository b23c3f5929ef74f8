using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Lab;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests.Dashboard;

/// <summary>Seeds Ready plans over the Lab's clean, powered-on VMs with CBT, and drives the engine on the fake clock.</summary>
internal static class TestPlans
{
    public static async Task<IReadOnlyList<VsphereVm>> SeedAsync(ConsoleFactory factory, string name, int vms, bool warm, int skip = 0)
    {
        await factory.Services.GetRequiredService<ProviderStatusService>().RefreshAllAsync();
        var world = factory.Services.GetRequiredService<LabWorld>();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        var source = await db.Providers.SingleAsync(p => p.Name == LabSeeder.VCenterName);
        var destination = await db.Providers.SingleAsync(p => p.Name == LabSeeder.ClusterName);
        var chosen = world.Inventory.Vsphere.Vms
            .Where(v => v.Name.StartsWith("app-hr", StringComparison.Ordinal) && v.PowerState == PowerState.PoweredOn && v.ChangeTrackingEnabled)
            .Skip(skip).Take(vms).ToList();
        Assert.Equal(vms, chosen.Count);
        var storage = new StorageMap
        {
            Name = $"{name}-storage",
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            Entries = world.Inventory.Vsphere.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), "ocs-storagecluster-ceph-rbd")).ToList(),
        };
        var network = new NetworkMap
        {
            Name = $"{name}-network",
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            Entries = [.. chosen.SelectMany(v => v.NetworkIds).Distinct()
                .Select((id, i) => new NetworkMapEntry(Ref.ById(id), i == 0 ? NetworkDestinationType.Pod : NetworkDestinationType.Ignored))],
        };
        db.AddRange(storage, network, new Plan
        {
            Name = name,
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            NetworkMapId = network.Id,
            StorageMapId = storage.Id,
            TargetNamespace = "prod-apps",
            Warm = warm,
            PrecopyIntervalMinutes = warm ? 5 : null,
            Vms = [.. chosen.Select(v => new PlanVm(Ref.ById(v.Id), []))],
        });
        await db.SaveChangesAsync();
        await factory.Services.GetRequiredService<MtvConsole.Web.Validation.ProviderValidationSync>().SyncAllAsync();
        await factory.Services.GetRequiredService<MtvConsole.Web.Readiness.ReadinessService>().RevalidateAllAsync();
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Name == name);
        Assert.True(plan.IsReady, string.Join("; ", plan.Conditions.Select(c => $"{c.Type}: {c.Message}")));
        return chosen;
    }

    /// <summary>Advances the clock and runs one engine tick.</summary>
    public static async Task TickAsync(ConsoleFactory factory, int seconds = 5)
    {
        factory.Time.Advance(TimeSpan.FromSeconds(seconds));
        await factory.Services.GetRequiredService<MigrationEngine>().TickAsync();
    }

    /// <summary>Ticks until the plan's latest run satisfies <paramref name="done"/>; fails after <paramref name="maxTicks"/>.</summary>
    public static async Task<MigrationRun> TickUntilAsync(ConsoleFactory factory, string plan, Func<MigrationRun, bool> done, int maxTicks = 400, int seconds = 5, Func<Task>? afterTick = null)
    {
        var store = factory.Services.GetRequiredService<IMigrationStore>();
        var id = (await store.FindPlanAsync(plan))!.Id;
        for (var i = 0; i < maxTicks; i++)
        {
            var run = (await store.GetRunsAsync(id)).LastOrDefault();
            if (run is not null && done(run)) return run;
            await TickAsync(factory, seconds);
            if (afterTick is not null) await afterTick();
        }

        Assert.Fail($"Plan {plan} did not reach the expected state in {maxTicks} ticks.");
        return null!;
    }
}
