using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Core.Tests.Engine;
using MtvConsole.Lab;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests.Migration;

/// <summary>
/// Cold and warm migrations through the real MigrationEngine: the source is the vSphere adapter talking to the
/// simulator, the target the Lab cluster; the engine's clock is fake, vCenter's is real.
/// </summary>
public sealed class SimulatorToLabMigrationTests(ScenarioSimulator fixture) : IClassFixture<ScenarioSimulator>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryMigrationStore _store = new();
    private readonly EngineEventFeed _feed = new();
    private VsphereSourceProvider _source = null!;
    private LabCluster _cluster = null!;
    private MigrationEngine _engine = null!;
    private MigrationCommands _commands = null!;
    private VsphereInventory _inventory = null!;
    private readonly Provider _vcenter = new() { Name = "sim-vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote };
    private readonly Provider _host = new() { Name = "host", Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab };

    public async Task InitializeAsync()
    {
        // The engine's clock jumps minutes per tick; vCenter's changes reach the adapter through its own operations.
        _source = new VsphereSourceProvider(fixture.Sim.Options(), _time) { FreshFor = TimeSpan.FromDays(365) };
        _cluster = new LabCluster(new LabWorld(new LabOptions { VmCount = 60 }, _time));
        _inventory = await _source.GetInventoryAsync();
        _vcenter.Url = fixture.Sim.Url.ToString();
        _vcenter.PinnedSha1 = fixture.Sim.Thumbprint;
        _store.Providers[_vcenter.Id] = _vcenter;
        _store.Providers[_host.Id] = _host;
        _engine = new MigrationEngine(_store, new Adapters(_source, _cluster), new LabHookRunner(_time), _time, _feed);
        _commands = new MigrationCommands(_engine, new NoAudit(), _time);
    }

    public async Task DisposeAsync() => await _source.DisposeAsync();

    private Plan AddPlan(string name, bool warm, VsphereVm vm)
    {
        var storage = new StorageMap
        {
            Name = $"{name}-storage", SourceProviderId = _vcenter.Id, DestinationProviderId = _host.Id,
            Entries = [.. _inventory.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), "ocs-storagecluster-ceph-rbd"))],
        };
        var network = new NetworkMap
        {
            Name = $"{name}-network", SourceProviderId = _vcenter.Id, DestinationProviderId = _host.Id,
            Entries = [.. vm.NetworkIds.Select(n => new NetworkMapEntry(Ref.ById(n), NetworkDestinationType.Pod))],
        };
        _store.StorageMaps[storage.Id] = storage;
        _store.NetworkMaps[network.Id] = network;
        var plan = new Plan
        {
            Name = name, SourceProviderId = _vcenter.Id, DestinationProviderId = _host.Id, StorageMapId = storage.Id, NetworkMapId = network.Id,
            TargetNamespace = "vm-imports", Warm = warm, Vms = [new PlanVm(Ref.ById(vm.Id), [])],
        };
        _store.Plans[plan.Id] = plan;
        return plan;
    }

    private VmStatus Status(Plan plan, VsphereVm vm) => _store.GetRunsAsync(plan.Id).Result[^1].Vms.Single(v => v.VmId == vm.Id);

    private async Task RunUntilAsync(Func<bool> done, double seconds)
    {
        for (var i = 0; i < 5_000 && !done(); i++)
        {
            _time.Advance(TimeSpan.FromSeconds(seconds));
            await _engine.TickAsync();
        }
        Assert.True(done(), "The migration did not get there in 5,000 ticks.");
    }

    private VsphereVm Spare()
    {
        var name = fixture.TakeSpareVm();
        return _inventory.Vms.Single(v => v.Name == name);
    }

    [Fact]
    public async Task A_cold_migration_powers_the_source_off_and_completes_on_the_lab_cluster()
    {
        var vm = Spare();
        var plan = AddPlan("cold-sim", warm: false, vm);

        Assert.True((await _commands.StartAsync(plan.Name, "ops")).Succeeded);
        await _engine.TickAsync();
        await RunUntilAsync(() => _store.GetRunsAsync(plan.Id).Result.All(r => r.Completed is not null), seconds: 10);

        var status = Status(plan, vm);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.Equal(Phases.Completed, status.Phase);
        Assert.Equal(PowerState.PoweredOff, await _source.GetPowerStateAsync(vm.Id));
        var target = await _cluster.GetVirtualMachineAsync("vm-imports", MigrationNames.TargetVm(vm.Name));
        Assert.NotNull(target);
        Assert.Contains(plan.Conditions, c => c.Type == ConditionTypes.Succeeded);
    }

    [Fact]
    public async Task A_warm_migration_takes_precopies_from_vcenter_snapshots_and_completes_after_cutover()
    {
        var vm = Spare();
        var plan = AddPlan("warm-sim", warm: true, vm);

        Assert.True((await _commands.StartAsync(plan.Name, "ops")).Succeeded);
        await _engine.TickAsync();
        await RunUntilAsync(() => Status(plan, vm).Warm?.Successes >= 2 && Status(plan, vm).Phase == Phases.CopyingPaused, seconds: 60);
        Assert.True((await _commands.SetCutoverAsync(plan.Name, _time.GetUtcNow(), null, "ops")).Succeeded);
        await RunUntilAsync(() => _store.GetRunsAsync(plan.Id).Result.All(r => r.Completed is not null), seconds: 10);

        var status = Status(plan, vm);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        var precopies = status.Warm!.Precopies;
        Assert.True(precopies.Count >= 3);
        Assert.True(precopies[^1].Final);
        Assert.All(precopies, p => Assert.StartsWith("snapshot-", p.Snapshot));
        var changeIds = precopies.SelectMany(p => p.Deltas).Select(d => d.DeltaId).ToList();
        Assert.True(changeIds.Count >= 2);
        Assert.All(changeIds, id => Assert.Matches("^52( [0-9a-f]{2}){15}/[0-9]+$", id));
        Assert.Equal(changeIds.Count, changeIds.Distinct().Count());
        Assert.Null((await _source.GetInventoryAsync()).FindVm(vm.Id)!.Snapshot);
        Assert.Equal(PowerState.PoweredOff, await _source.GetPowerStateAsync(vm.Id));
        Assert.NotNull(await _cluster.GetVirtualMachineAsync("vm-imports", MigrationNames.TargetVm(vm.Name)));
    }

    private sealed class Adapters(ISourceProvider source, ITargetCluster target) : IProviderAdapters
    {
        public ISourceProvider Source(Provider provider) => source;

        public ITargetCluster Target(Provider provider) => target;
    }

    private sealed class NoAudit : IAuditLog
    {
        public Task RecordAsync(string user, string action, string target, string details = "", bool succeeded = true, CancellationToken cancellationToken = default) =>
            Task.CompletedTask;
    }
}
