using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Inventory;
using MtvConsole.Data;
using MtvConsole.Lab;

namespace MtvConsole.Web.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task A_restart_keeps_the_accounts_the_providers_and_the_lab_world()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mtv-restart-{Guid.NewGuid():N}");
        string vmId;
        try
        {
            await using (var first = new ConsoleFactory(folder))
            {
                await first.CreateUserAsync("vera", "viewer-password-1", "viewer");
                var vcenter = first.Services.GetRequiredService<LabVCenter>();
                vmId = (await vcenter.GetInventoryAsync()).Vms.First(v => v.PowerState == PowerState.PoweredOn && !v.IsTemplate && v.ConnectionState == "connected").Id;
                await vcenter.PowerOffAsync(vmId);
            }

            await using var second = new ConsoleFactory(folder);
            _ = second.Server;
            Assert.Equal(PowerState.PoweredOff, await second.Services.GetRequiredService<LabVCenter>().GetPowerStateAsync(vmId));
            await second.SignedInAsync("vera", "viewer-password-1");
            await using var db = await second.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
            Assert.Equal(["host", "lab-vcenter"], await db.Providers.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync());
            Assert.Equal(2, await db.Users.CountAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

}
