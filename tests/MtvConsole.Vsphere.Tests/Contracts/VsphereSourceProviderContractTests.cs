using MtvConsole.Core.Ports;
using MtvConsole.Lab.Tests.Contracts;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests.Contracts;

/// <summary>The engine-port contract the Lab passes, run against the real adapter and the simulator; each test gets its own running VM.</summary>
public sealed class VsphereSourceProviderContractTests(ScenarioSimulator fixture)
    : SourceProviderContract, IClassFixture<ScenarioSimulator>, IAsyncLifetime
{
    private VsphereSourceProvider _provider = null!;
    private string _runningVmId = "";

    protected override ISourceProvider Provider => _provider;
    protected override string RunningVmId => _runningVmId;
    protected override string CbtDisabledVmId => fixture.Sim.Role("cbt-off").Id;
    protected override string VmWithoutToolsId => fixture.Sim.Role("no-tools").Id;
    protected override TimeSpan MaxWait => TimeSpan.FromSeconds(30);
    protected override TimeSpan PollStep => TimeSpan.FromMilliseconds(50);
    protected override TimeSpan PurgeWait => TimeSpan.FromSeconds(30);

    // The simulator is a real process with its own clock: polling waits a little for real.
    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(TimeSpan.FromMilliseconds(Math.Min(duration.TotalMilliseconds, 50)));

    public async Task InitializeAsync()
    {
        _provider = new VsphereSourceProvider(fixture.Sim.Options(), TimeProvider.System);
        var name = fixture.TakeSpareVm();
        _runningVmId = (await _provider.GetInventoryAsync()).Vms.Single(v => v.Name == name).Id;
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();
}
