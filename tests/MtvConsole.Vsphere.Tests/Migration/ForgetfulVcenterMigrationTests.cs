using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Auditing;
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
/// Warm migrations from a vCenter that behaves like a real one over hours: it ends the console's session, purges
/// finished tasks, and refuses to quiesce a VM without VMware Tools. The source is the vSphere adapter against the
/// simulator, the target the Lab cluster; the engine's clock is fake and refreshes the inventory every 10 minutes.
/// </summary>
public sealed class ForgetfulVcenterMigrationTests(ForgetfulSimulator fixture) : IClassFixture<ForgetfulSimulator>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryMigrationStore _store = new();
    private VsphereSourceProvider _vsphere = null!;
    private VcenterAdmin _admin = null!;
    private LabCluster _cluster = null!;
    private VsphereInventory _inventory = null!;
    private readonly Provider _vcenter = new() { Name = "sim-vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote };
    private readonly Provider _host = new() { Name = "host", Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab };

    public async Task InitializeAsync()
    {
        _vsphere = new VsphereSourceProvider(fixture.Sim.Options(), _time) { FreshFor = TimeSpan.FromMinutes(10) };
        _admin = new VcenterAdmin(fixture.Sim);
        _cluster = new LabCluster(new LabWorld(new LabOptions { VmCount = 60 }, _time));
        _inventory = await _vsphere.GetInventoryAsync();
        _vcenter.Url = fixture.Sim.Url.ToString();
        _vcenter.PinnedSha1 = fixture.Sim.Thumbprint;
        _store.Providers[_vcenter.Id] = _vcenter;
        _store.Providers[_host.Id] = _host;
    }

    public async Task DisposeAsync()
    {
        await _vsphere.DisposeAsync();
        await _admin.DisposeAsync();
    }

    private (MigrationEngine Engine, MigrationCommands Commands) Engine(ISourceProvider source)
    {
        var engine = new MigrationEngine(_store, new Adapters(source, _cluster), new LabHookRunner(_time), _time, new EngineEventFeed());
        return (engine, new MigrationCommands(engine, new NoAudit(), _time));
    }

    private Plan AddPlan(string name, VsphereVm vm)
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
            TargetNamespace = "vm-imports", Warm = true, Vms = [new PlanVm(Ref.ById(vm.Id), [])],
        };
        _store.Plans[plan.Id] = plan;
        return plan;
    }

    private VmStatus Status(Plan plan, VsphereVm vm) => _store.GetRunsAsync(plan.Id).Result[^1].Vms.Single(v => v.VmId == vm.Id);

    private bool Done(Plan plan) => _store.GetRunsAsync(plan.Id).Result.All(r => r.Completed is not null);

    private async Task RunUntilAsync(MigrationEngine engine, Func<bool> done, double seconds, int ticks = 2_000)
    {
        for (var i = 0; i < ticks && !done(); i++)
        {
            _time.Advance(TimeSpan.FromSeconds(seconds));
            await engine.TickAsync();
        }
        Assert.True(done(), $"The migration did not get there in {ticks} ticks.");
    }

    /// <summary>Two precopies, cutover, completion; returns the VM's final status.</summary>
    private async Task<VmStatus> WarmMigrateAsync(MigrationEngine engine, MigrationCommands commands, Plan plan, VsphereVm vm, Func<Task>? afterFirstPrecopy = null)
    {
        Assert.True((await commands.StartAsync(plan.Name, "ops")).Succeeded);
        await engine.TickAsync();
        await RunUntilAsync(engine, () => Status(plan, vm).Warm?.Successes >= 1 && Status(plan, vm).Phase == Phases.CopyingPaused, seconds: 60);
        if (afterFirstPrecopy is not null) await afterFirstPrecopy();
        await RunUntilAsync(engine, () => Status(plan, vm).Warm?.Successes >= 2 && Status(plan, vm).Phase == Phases.CopyingPaused, seconds: 60);
        Assert.True((await commands.SetCutoverAsync(plan.Name, _time.GetUtcNow(), null, "ops")).Succeeded);
        await RunUntilAsync(engine, () => Done(plan), seconds: 10);
        return Status(plan, vm);
    }

    private VsphereVm Vm(string name) => _inventory.Vms.Single(v => v.Name == name);

    [Fact]
    public async Task A_warm_migration_continues_after_vcenter_terminated_the_consoles_session_mid_run()
    {
        var vm = Vm(fixture.TakeSpareVm());
        var plan = AddPlan("warm-session", vm);
        var (engine, commands) = Engine(_vsphere);
        var logins = 0L;

        var status = await WarmMigrateAsync(engine, commands, plan, vm, afterFirstPrecopy: async () =>
        {
            logins = _vsphere.Client.Logins;
            Assert.True(await _admin.TerminateOtherSessionsAsync() >= 1);
        });

        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.True(_vsphere.Client.Logins > logins, "The console never noticed that its session had ended.");
        Assert.Equal(0, status.Warm!.Failures);
        Assert.Null((await _vsphere.GetInventoryAsync()).FindVm(vm.Id)!.Snapshot);
    }

    [Fact]
    public async Task A_warm_migration_completes_when_vcenter_purged_every_snapshot_task_before_the_engine_read_it()
    {
        var vm = Vm(fixture.TakeSpareVm());
        var plan = AddPlan("warm-purged", vm);
        var slow = new SlowEngineSource(_vsphere, _admin);
        var (engine, commands) = Engine(slow);

        var status = await WarmMigrateAsync(engine, commands, plan, vm);

        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.True(slow.PurgedBeforeRead >= 5, $"only {slow.PurgedBeforeRead} tasks were purged before they were read");
        Assert.Equal(0, status.Warm!.Failures);
        Assert.All(status.Warm.Precopies, p => Assert.StartsWith("snapshot-", p.Snapshot));
        Assert.Empty(await _vsphere.GetSnapshotsAsync(vm.Id));
    }

    [Fact]
    public async Task A_warm_migration_of_a_running_vm_without_vmware_tools_takes_snapshots_without_quiescing()
    {
        var vm = Vm(fixture.Sim.Role("no-tools").Name);
        var plan = AddPlan("warm-no-tools", vm);
        var (engine, commands) = Engine(_vsphere);
        Assert.True((await commands.StartAsync(plan.Name, "ops")).Succeeded);
        await engine.TickAsync();

        await RunUntilAsync(engine, () => Status(plan, vm).Warm?.Successes >= 1 || Status(plan, vm).Warm?.Failures >= 1 || Status(plan, vm).Completed is not null,
            seconds: 60);

        var status = Status(plan, vm);
        Assert.True(status.Completed is null || status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.True(status.Warm!.Failures == 0, string.Join(" | ", status.Warm.Precopies.Select(p => p.Error)));
        Assert.StartsWith("snapshot-", status.Warm.Precopies[0].Snapshot);
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
