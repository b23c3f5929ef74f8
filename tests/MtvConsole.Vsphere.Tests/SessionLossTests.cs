using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests;

/// <summary>
/// vCenter ends the console's session (an admin terminates it, it times out, vpxd restarts): the client logs in again,
/// and the inventory, whose ContainerView, filter and collector version died with the old session, recovers by itself.
/// </summary>
public sealed class SessionLossTests(ScenarioSimulator fixture) : IClassFixture<ScenarioSimulator>, IAsyncLifetime
{
    private VsphereSourceProvider _console = null!;
    private VsphereSourceProvider _someoneElse = null!;
    private VcenterAdmin _admin = null!;

    public async Task InitializeAsync()
    {
        _console = new VsphereSourceProvider(fixture.Sim.Options(), TimeProvider.System) { FreshFor = TimeSpan.Zero };
        _someoneElse = new VsphereSourceProvider(fixture.Sim.Options(), TimeProvider.System);
        _admin = new VcenterAdmin(fixture.Sim);
        await _console.GetInventoryAsync();
        await _console.WaitForChangesAsync(TimeSpan.Zero);
    }

    public async Task DisposeAsync()
    {
        await _console.DisposeAsync();
        await _someoneElse.DisposeAsync();
        await _admin.DisposeAsync();
    }

    private async Task<string> SpareAsync()
    {
        var name = fixture.TakeSpareVm();
        return (await _console.GetInventoryAsync()).Vms.Single(v => v.Name == name).Id;
    }

    private async Task<VsphereVm> VmAsync(string vmId) => (await _console.GetInventoryAsync()).FindVm(vmId)!;

    private async Task<IReadOnlyList<string>> ChangesOfAsync(string vmId)
    {
        var changed = new List<string>();
        for (var i = 0; i < 10 && !changed.Contains(vmId); i++) changed.AddRange(await _console.WaitForChangesAsync(TimeSpan.FromSeconds(5)));
        return changed;
    }

    [Fact]
    public async Task The_inventory_shows_a_change_made_after_an_admin_terminated_the_consoles_session()
    {
        var vmId = await SpareAsync();
        var loginsBefore = _console.Client.Logins;

        Assert.True(await _admin.TerminateOtherSessionsAsync() >= 1);
        await _someoneElse.PowerOffAsync(vmId);

        Assert.Equal(PowerState.PoweredOff, (await VmAsync(vmId)).PowerState);
        Assert.True(_console.Client.Logins > loginsBefore);
    }

    [Fact]
    public async Task After_the_re_login_later_changes_keep_arriving_as_updates()
    {
        var first = await SpareAsync();
        var second = await SpareAsync();
        await _admin.TerminateOtherSessionsAsync();
        await _someoneElse.PowerOffAsync(first);
        Assert.Contains(first, await ChangesOfAsync(first));

        await _someoneElse.PowerOffAsync(second);

        Assert.Contains(second, await ChangesOfAsync(second));
        Assert.Equal(PowerState.PoweredOff, (await VmAsync(second)).PowerState);
    }

    [Fact]
    public async Task The_consoles_own_operations_work_after_the_session_was_terminated()
    {
        var vmId = await SpareAsync();
        await _admin.TerminateOtherSessionsAsync();

        await _console.PowerOffAsync(vmId);

        Assert.Equal(PowerState.PoweredOff, (await VmAsync(vmId)).PowerState);
    }
}
