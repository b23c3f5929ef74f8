using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Validation;
using MtvConsole.Data;
using MtvConsole.Lab;
using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Tests;

public sealed class InventoryRevalidationTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_vm_changed_in_the_lab_is_revalidated_on_the_next_sync_and_only_that_vm()
    {
        var sync = _factory.Services.GetRequiredService<ProviderValidationSync>();
        var validation = _factory.Services.GetRequiredService<ValidationService>();
        await sync.SyncAllAsync();
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        var providerId = await db.Providers.Where(p => p.Name == "lab-vcenter").Select(p => p.Id).SingleAsync();
        var vcenter = _factory.Services.GetRequiredService<LabVCenter>();
        var vm = (await vcenter.GetInventoryAsync()).Vms.First(v => v.PowerState == PowerState.PoweredOn && !v.IsTemplate && v.ConnectionState == "connected");
        var before = validation.Store.Get(providerId, vm.Id)!;
        var changes = new List<ValidationFlags>();
        validation.FlagsChanged += changes.Add;

        await vcenter.PowerOffAsync(vm.Id);
        await sync.SyncAllAsync();

        var after = validation.Store.Get(providerId, vm.Id)!;
        Assert.Equal(before.Revision + 1, after.Revision);
        Assert.Equal("poweredOff", after.Workload.PowerState);
        Assert.All(validation.Store.ForProvider(providerId).Where(v => v.VmId != vm.Id), v => Assert.Equal(1, v.Revision));
        Assert.DoesNotContain(changes, c => c.VmId != vm.Id);
    }
}
