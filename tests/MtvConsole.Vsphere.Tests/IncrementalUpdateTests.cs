using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Soap;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests;

/// <summary>Changes made in vCenter by someone else arrive through WaitForUpdatesEx without a full reload.</summary>
public sealed class IncrementalUpdateTests(ScenarioSimulator fixture) : IClassFixture<ScenarioSimulator>, IAsyncLifetime
{
    private VsphereSourceProvider _watcher = null!;
    private VsphereSourceProvider _someoneElse = null!;

    public async Task InitializeAsync()
    {
        _watcher = new VsphereSourceProvider(fixture.Sim.Options(), TimeProvider.System);
        _someoneElse = new VsphereSourceProvider(fixture.Sim.Options(), TimeProvider.System);
        await _watcher.GetInventoryAsync();
        await _watcher.WaitForChangesAsync(TimeSpan.Zero);
    }

    public async Task DisposeAsync()
    {
        await _watcher.DisposeAsync();
        await _someoneElse.DisposeAsync();
    }

    private async Task<IReadOnlyList<string>> ChangesOfAsync(string vmId)
    {
        var changed = new List<string>();
        for (var i = 0; i < 10 && !changed.Contains(vmId); i++) changed.AddRange(await _watcher.WaitForChangesAsync(TimeSpan.FromSeconds(5)));
        return changed;
    }

    private string IdOf(VsphereInventory inventory, string name) => inventory.Vms.Single(v => v.Name == name).Id;

    [Fact]
    public async Task A_power_off_elsewhere_arrives_as_an_update()
    {
        var vmId = IdOf(await _watcher.GetInventoryAsync(), fixture.TakeSpareVm());

        await _someoneElse.PowerOffAsync(vmId);

        Assert.Contains(vmId, await ChangesOfAsync(vmId));
        Assert.Equal(PowerState.PoweredOff, (await _watcher.GetInventoryAsync()).FindVm(vmId)!.PowerState);
    }

    [Fact]
    public async Task A_reconfiguration_elsewhere_arrives_as_an_update()
    {
        var vmId = fixture.Sim.Role("cbt-off").Id;
        Assert.False((await _watcher.GetInventoryAsync()).FindVm(vmId)!.ChangeTrackingEnabled);

        await _someoneElse.EnableChangeBlockTrackingAsync(vmId);

        Assert.Contains(vmId, await ChangesOfAsync(vmId));
        Assert.True((await _watcher.GetInventoryAsync()).FindVm(vmId)!.ChangeTrackingEnabled);
    }

    [Fact]
    public async Task A_snapshot_elsewhere_arrives_as_an_update()
    {
        var vmId = IdOf(await _watcher.GetInventoryAsync(), fixture.TakeSpareVm());

        var task = await _someoneElse.CreateSnapshotAsync(vmId, "backup", "nightly");
        Assert.Equal(Core.Ports.SourceTaskState.Success, (await _someoneElse.GetTaskAsync(task)).State);

        Assert.Contains(vmId, await ChangesOfAsync(vmId));
        Assert.NotNull((await _watcher.GetInventoryAsync()).FindVm(vmId)!.Snapshot);
    }

    [Fact]
    public async Task Nothing_changed_means_no_updates()
    {
        var changed = await _watcher.WaitForChangesAsync(TimeSpan.Zero);

        Assert.Empty(changed);
    }
}
