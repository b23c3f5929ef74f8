using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data.Engine;
using MtvConsole.Data.Startup;
using MtvConsole.Lab;

namespace MtvConsole.Data.Tests;

public sealed class EfMigrationStoreTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    public EfMigrationStoreTests() => Assert.Null(DatabaseStartup.Prepare(_db.ConnectionString, o => new MtvDbContext(o)));

    public void Dispose() => _db.Dispose();

    private EfMigrationStore NewStore() => new(new Factory(_db));

    [Fact]
    public async Task Settings_default_until_saved_then_round_trip()
    {
        var store = NewStore();
        Assert.Equal(20, (await store.GetSettingsAsync()).MaxInFlightPerHost);

        await store.SaveSettingsAsync(new EngineSettings { MaxInFlightPerHost = 7, PrecopyIntervalMinutes = 15 });
        await store.SaveSettingsAsync(new EngineSettings { MaxInFlightPerHost = 8, PrecopyIntervalMinutes = 15, HookRetries = 1 });

        var saved = await NewStore().GetSettingsAsync();
        Assert.Equal((8, 15, 1), (saved.MaxInFlightPerHost, saved.PrecopyIntervalMinutes, saved.HookRetries));
    }

    [Fact]
    public async Task Warm_plan_over_sqlite_survives_engine_restarts_and_succeeds()
    {
        var world = new LabWorld(new LabOptions(), _time);
        var vm = world.Inventory.Vsphere.Vms.First(v =>
            v.PowerState == PowerState.PoweredOn && v.ToolsStatus == "toolsOk" && v.ChangeTrackingEnabled && v.Disks.Count > 0
            && v.Disks.All(d => d.ChangeTrackingEnabled) && v.Devices.Count == 0 && !v.FaultToleranceEnabled && v.Snapshot is null
            && v.GuestId.StartsWith("rhel", StringComparison.Ordinal) && v.Nics.Count > 0);
        var plan = await SeedPlanAsync(world, vm);
        var adapters = new Adapters(new LabVCenter(world), new LabCluster(world));
        var hooks = new LabHookRunner(_time);
        var audit = new NoAudit();
        var engine = new MigrationEngine(NewStore(), adapters, hooks, _time, new EngineEventFeed());
        var start = await new MigrationCommands(engine, audit, _time).StartAsync(plan.Name, "ops", precopyIntervalMinutes: 10);
        Assert.True(start.Succeeded, start.Problem);

        for (var tick = 0; tick < 5_000; tick++)
        {
            if (tick % 25 == 0) engine = new MigrationEngine(NewStore(), adapters, hooks, _time, new EngineEventFeed());
            _time.Advance(TimeSpan.FromSeconds(10));
            await engine.TickAsync();
            var run = (await NewStore().GetRunsAsync(plan.Id)).Single();
            if (run.Completed is not null) break;
            if (run.Cutover is null && run.Vms.Single().Warm!.Successes >= 2)
            {
                await new MigrationCommands(engine, audit, _time).SetCutoverAsync(plan.Name, _time.GetUtcNow(), null, "ops");
            }
        }

        var done = (await NewStore().GetRunsAsync(plan.Id)).Single();
        var status = done.Vms.Single();
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.True(status.Warm!.Precopies.Count >= 3);
        Assert.All(status.Warm.Precopies, p => Assert.NotNull(p.CreateTaskId));
        Assert.Equal(10, done.PrecopyIntervalMinutes);
        await using var db = _db.Open();
        Assert.Contains((await db.Plans.AsNoTracking().SingleAsync(p => p.Id == plan.Id)).Conditions, c => c.Type == "Succeeded");
    }

    [Fact]
    public async Task Saved_vm_statuses_read_back_exactly_and_unknown_ones_are_refused()
    {
        var world = new LabWorld(new LabOptions(), _time);
        var plan = await SeedPlanAsync(world, world.Inventory.Vsphere.Vms[0]);
        var store = NewStore();
        var run = new MigrationRun { PlanId = plan.Id, CreatedAt = _time.GetUtcNow(), CreatedBy = "ops" };
        await store.AddRunAsync(run);
        var vm = new VmStatus { MigrationId = run.Id, VmId = "vm-1", Name = "one", Phase = Phases.CopyDisks };
        await store.AddVmsAsync([vm]);

        vm.Started = _time.GetUtcNow();
        vm.RestorePowerState = RestorePowerState.On;
        vm.Warm = new WarmStatus { Successes = 2, Precopies = [new Precopy { Start = _time.GetUtcNow(), Snapshot = "snapshot-1", Deltas = [new DiskDelta("[ds] a.vmdk", "52 aa/1")] }] };
        vm.Pipeline = [new PipelineStep { Name = PipelineSteps.DiskTransfer, Progress = new Progress(5, 10) }];
        await store.SaveVmsAsync([vm]);

        var read = (await NewStore().GetUnfinishedRunsAsync()).Single().Vms.Single();
        Assert.Equal(_time.GetUtcNow(), read.Started);
        Assert.Equal(RestorePowerState.On, read.RestorePowerState);
        Assert.Equal("52 aa/1", read.Warm!.Precopies[0].Deltas[0].DeltaId);
        Assert.Equal(new Progress(5, 10), read.Pipeline[0].Progress);
        Assert.Null(read.Error);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveVmsAsync([new VmStatus { MigrationId = run.Id, VmId = "x", Name = "x" }]));
    }

    private async Task<Plan> SeedPlanAsync(LabWorld world, VsphereVm vm)
    {
        await using var db = _db.Open();
        var source = new Provider { Name = "vcenter", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, Url = world.VCenterUrl, PinnedSha1 = world.VCenterThumbprint };
        var destination = new Provider { Name = "host", Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab };
        var storage = new StorageMap
        {
            Name = "storage",
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            Entries = world.Inventory.Vsphere.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), "ocs-storagecluster-ceph-rbd")).ToList(),
        };
        var plan = new Plan
        {
            Name = "warm-sqlite",
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            StorageMapId = storage.Id,
            TargetNamespace = "vm-imports",
            Warm = true,
            Vms = [new PlanVm(Ref.ById(vm.Id), [])],
        };
        db.AddRange(source, destination, storage, plan);
        await db.SaveChangesAsync();
        return plan;
    }

    private sealed class Factory(TempDatabase db) : IDbContextFactory<MtvDbContext>
    {
        public MtvDbContext CreateDbContext() => db.Open();
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
