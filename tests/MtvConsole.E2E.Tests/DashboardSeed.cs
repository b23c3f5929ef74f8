using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Core.Validation;
using MtvConsole.Data;
using MtvConsole.Lab;
using MtvConsole.Web.Providers;

namespace MtvConsole.E2E.Tests;

/// <summary>Ready plans for the dashboard's browser tests, over Lab VMs without critical concerns.</summary>
internal static class DashboardSeed
{
    /// <summary>
    /// Creates a warm plan and a cold plan over the named VMs (Lab VMs with no concerns whose MACs and names are
    /// free on the Lab cluster) and checks both are Ready.
    /// </summary>
    public static async Task<(VsphereVm Warm, IReadOnlyList<VsphereVm> Cold)> SeedAsync(
        ConsoleServer server, string warmPlan, string warmVm, string coldPlan, IReadOnlyList<string> coldVms)
    {
        var services = server.Services;
        await services.GetRequiredService<ProviderStatusService>().RefreshAllAsync();
        await services.GetRequiredService<MtvConsole.Web.Validation.ProviderValidationSync>().SyncAllAsync();
        var world = services.GetRequiredService<LabWorld>();
        await using var db = await services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        var source = await db.Providers.SingleAsync(p => p.Name == LabSeeder.VCenterName);
        var destination = await db.Providers.SingleAsync(p => p.Name == LabSeeder.ClusterName);
        VsphereVm Named(string name) => world.Inventory.Vsphere.Vms.Single(v => v.Name == name);
        var warm = Named(warmVm);
        var cold = coldVms.Select(Named).ToList();
        AddPlan(db, warmPlan, source, destination, world, [warm], warm: true);
        AddPlan(db, coldPlan, source, destination, world, cold, warm: false);
        await db.SaveChangesAsync();
        await services.GetRequiredService<MtvConsole.Web.Readiness.ReadinessService>().RevalidateAllAsync();
        foreach (var name in new[] { warmPlan, coldPlan })
        {
            var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Name == name);
            Assert.True(plan.IsReady, string.Join("; ", plan.Conditions.Select(c => $"{c.Type}: {c.Message}")));
        }

        return (warm, cold);
    }

    private static void AddPlan(MtvDbContext db, string name, Provider source, Provider destination, LabWorld world, IReadOnlyList<VsphereVm> vms, bool warm)
    {
        var storage = new StorageMap
        {
            Name = $"{name}-storage", SourceProviderId = source.Id, DestinationProviderId = destination.Id,
            Entries = world.Inventory.Vsphere.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), "ocs-storagecluster-ceph-rbd")).ToList(),
        };
        var network = new NetworkMap
        {
            Name = $"{name}-network", SourceProviderId = source.Id, DestinationProviderId = destination.Id,
            Entries = [.. vms.SelectMany(v => v.NetworkIds).Distinct()
                .Select((id, i) => new NetworkMapEntry(Ref.ById(id), i == 0 ? NetworkDestinationType.Pod : NetworkDestinationType.Ignored))],
        };
        db.AddRange(storage, network, new Plan
        {
            Name = name, SourceProviderId = source.Id, DestinationProviderId = destination.Id, NetworkMapId = network.Id, StorageMapId = storage.Id,
            TargetNamespace = "prod-apps", Warm = warm, PrecopyIntervalMinutes = warm ? 1 : null,
            Vms = [.. vms.Select(v => new PlanVm(Ref.ById(v.Id), []))],
        });
    }
}
