namespace MtvConsole.Vsphere.Tests.Simulator;

/// <summary>
/// A class fixture: the scenario simulator of <see cref="ScenarioSimulator"/>, whose vCenter purges finished tasks one
/// second after they end (a real vCenter after about 10 minutes).
/// </summary>
public sealed class ForgetfulSimulator : IAsyncLifetime
{
    private int _nextSpare;
    private IReadOnlyList<string> _spares = [];

    public Vcsim Sim { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sim = await Vcsim.StartAsync("-tls", "-scenario", "-vm", "20", "-task-retention", "1s");
        _spares = Enumerable.Range(Sim.Roles.Count, 20 - Sim.Roles.Count).Select(i => $"DC0_C0_RP0_VM{i}").ToList();
    }

    /// <summary>A running VM with Tools and CBT that no other test of this class uses.</summary>
    public string TakeSpareVm()
    {
        var index = Interlocked.Increment(ref _nextSpare) - 1;
        if (index >= _spares.Count) throw new InvalidOperationException("The simulator ran out of spare VMs; raise -vm.");
        return _spares[index];
    }

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
