using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Lab;
using MtvConsole.Web.Providers;
using MtvConsole.Web.Readiness;

namespace MtvConsole.Web.Tests;

public sealed class HostReadinessTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public async Task InitializeAsync() => await _factory.Services.GetRequiredService<ProviderStatusService>().RefreshAllAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Host_migration_networks_are_re_evaluated_against_the_inventory_with_maps_and_plans()
    {
        var dbFactory = _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>();
        var esx = (await _factory.Services.GetRequiredService<LabVCenter>().GetInventoryAsync()).Hosts[0];
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var provider = await db.Providers.SingleAsync(p => p.Name == "lab-vcenter");
            db.Hosts.Add(new MigrationNetworkHost { Name = "esx-net", ProviderId = provider.Id, HostRef = Ref.ById(esx.Id), IpAddress = "192.0.2.250" });
            await db.SaveChangesAsync();
        }

        await _factory.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();

        await using var read = await dbFactory.CreateDbContextAsync();
        var host = await read.Hosts.SingleAsync();
        Assert.Contains(host.Conditions, c => c.Type == ConditionTypes.IpNotValid);
        Assert.Contains(host.Conditions, c => c.Type == ConditionTypes.SecretNotValid);
        Assert.False(host.IsReady);
    }
}
