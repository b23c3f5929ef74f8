namespace MtvConsole.Vsphere.Tests.Simulator;

/// <summary>
/// A class fixture: one TLS simulator with the planted scenario and 40 VMs per cluster, purging finished tasks after 5 s. Tests that change a VM take
/// their own from <see cref="TakeSpareVm"/>, so tests of one class never disturb each other.
/// </summary>
public sealed class ScenarioSimulator : IAsyncLifetime
{
    private int _nextSpare;

    public Vcsim Sim { get; private set; } = null!;

    /// <summary>The names of the unplanted, running VMs of the first cluster (DC0_C0_RP0_VM10 …).</summary>
    private IReadOnlyList<string> _spares = [];

    public async Task InitializeAsync()
    {
        Sim = await Vcsim.StartAsync("-tls", "-scenario", "-vm", "40", "-standalone-host", "1", "-task-retention", "5s");
        _spares = Enumerable.Range(Sim.Roles.Count, 40 - Sim.Roles.Count).Select(i => $"DC0_C0_RP0_VM{i}").ToList();
    }

    /// <summary>A running VM with Tools and CBT that no other test of this class uses.</summary>
    public string TakeSpareVm()
    {
        var index = Interlocked.Increment(ref _nextSpare) - 1;
        if (index >= _spares.Count) throw new InvalidOperationException("The scenario simulator ran out of spare VMs; raise -vm.");
        return _spares[index];
    }

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
