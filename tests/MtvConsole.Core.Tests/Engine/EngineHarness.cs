using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Lab;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// The engine over the Lab and an in-memory store on a fake clock. <see cref="TickAsync"/> advances the
/// clock and runs one engine tick; <see cref="RestartEngine"/> replaces the engine (a killed process).
/// </summary>
internal sealed class EngineHarness
{
    public EngineHarness(int vmCount = 60, string storageClass = "ocs-storagecluster-ceph-rbd")
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        World = new LabWorld(new LabOptions { VmCount = vmCount }, Time);
        VCenter = new LabVCenter(World);
        Cluster = new LabCluster(World);
        HookRunner = new LabHookRunner(Time);
        Source = new Provider { Name = "vcenter", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, Url = World.VCenterUrl, PinnedSha1 = World.VCenterThumbprint };
        Destination = new Provider { Name = "host", Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab };
        Store.Providers[Source.Id] = Source;
        Store.Providers[Destination.Id] = Destination;
        StorageMap = new StorageMap
        {
            Name = "storage",
            SourceProviderId = Source.Id,
            DestinationProviderId = Destination.Id,
            Entries = World.Inventory.Vsphere.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), storageClass)).ToList(),
        };
        NetworkMap = new NetworkMap
        {
            Name = "network",
            SourceProviderId = Source.Id,
            DestinationProviderId = Destination.Id,
            Entries = World.Inventory.Vsphere.Networks.Select(n => new NetworkMapEntry(Ref.ById(n.Id), NetworkDestinationType.Pod)).ToList(),
        };
        Store.StorageMaps[StorageMap.Id] = StorageMap;
        Store.NetworkMaps[NetworkMap.Id] = NetworkMap;
        RestartEngine();
    }

    public FakeTimeProvider Time { get; }
    public LabWorld World { get; }
    public LabVCenter VCenter { get; }
    public LabCluster Cluster { get; }
    public LabHookRunner HookRunner { get; }
    public InMemoryMigrationStore Store { get; } = new();
    public Provider Source { get; }
    public Provider Destination { get; }
    public StorageMap StorageMap { get; }
    public NetworkMap NetworkMap { get; }
    public EngineEventFeed Feed { get; } = new();
    public RecordingAuditLog Audit { get; } = new();
    public ISourceProvider SourceAdapter { get; set; } = null!;

    /// <summary>The target the engine drives; the Lab cluster unless a test wraps it.</summary>
    public ITargetCluster? TargetAdapter { get; set; }
    public MigrationEngine Engine { get; private set; } = null!;
    public MigrationCommands Commands { get; private set; } = null!;
    public List<EngineEvent> Events { get; } = [];

    public VsphereInventory Vsphere => World.Inventory.Vsphere;

    /// <summary>The engine's transitions per VM per tick (takes effect at <see cref="RestartEngine"/>).</summary>
    public int StepsPerTick { get; set; } = 1;

    /// <summary>A new engine over the same store and world, as after a process restart.</summary>
    public void RestartEngine()
    {
        SourceAdapter ??= VCenter;
        Engine = new MigrationEngine(Store, new Adapters(this), HookRunner, Time, Feed) { StepsPerTick = StepsPerTick };
        Commands = new MigrationCommands(Engine, Audit, Time);
        _subscription?.Dispose();
        _subscription = Feed.Subscribe(Events.Add);
    }

    private IDisposable? _subscription;

    /// <summary>Running, connected VMs with Tools, CBT on every disk, on a snapshot-friendly configuration, with a Linux guest that converts.</summary>
    public IEnumerable<VsphereVm> HealthyVms(Func<VsphereVm, bool>? extra = null) =>
        Vsphere.Vms.Where(v =>
            v.PowerState == PowerState.PoweredOn && v.ToolsStatus == "toolsOk" && v.ConnectionState == "connected" && !v.IsTemplate
            && v.ChangeTrackingEnabled && v.Disks.Count > 0 && v.Disks.All(d => d.ChangeTrackingEnabled && d.CapacityBytes > 0 && d.DatastoreId != "")
            // The network map sends every network to the pod network, and KubeVirt takes one pod interface per VM.
            && !v.FaultToleranceEnabled && v.Devices.Count == 0 && v.Snapshot is null && v.Nics.Count == 1
            && v.GuestId.StartsWith("rhel", StringComparison.Ordinal)
            && (extra?.Invoke(v) ?? true));

    public Plan AddPlan(string name, bool warm, IEnumerable<VsphereVm> vms, string ns = "vm-imports", Func<VsphereVm, IReadOnlyList<PlanHook>>? hooks = null)
    {
        var plan = new Plan
        {
            Name = name,
            SourceProviderId = Source.Id,
            DestinationProviderId = Destination.Id,
            StorageMapId = StorageMap.Id,
            NetworkMapId = NetworkMap.Id,
            TargetNamespace = ns,
            Warm = warm,
            Vms = vms.Select(v => new PlanVm(Ref.ById(v.Id), hooks?.Invoke(v) ?? [])).ToList(),
        };
        Store.Plans[plan.Id] = plan;
        return plan;
    }

    public async Task<MigrationRun> StartAsync(Plan plan, DateTimeOffset? cutover = null, int? precopyMinutes = null)
    {
        var result = await Commands.StartAsync(plan.Name, "ops", cutover, precopyMinutes);
        Assert.True(result.Succeeded, result.Problem);
        await Engine.TickAsync(); // the run begins: its VM list is built
        return result.Value!;
    }

    public async Task<TickSummary> TickAsync(double seconds = 5)
    {
        Time.Advance(TimeSpan.FromSeconds(seconds));
        return await Engine.TickAsync();
    }

    /// <summary>Ticks until the condition holds; fails the test after <paramref name="maxTicks"/>.</summary>
    public async Task RunUntilAsync(Func<bool> done, double seconds = 5, int maxTicks = 20_000, Func<Task>? betweenTicks = null)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            if (done()) return;
            if (betweenTicks is not null) await betweenTicks();
            await TickAsync(seconds);
        }

        Assert.Fail($"Not done after {maxTicks} ticks of {seconds} s.");
    }

    public async Task RunToEndAsync(Plan plan, double seconds = 5, int maxTicks = 20_000, Func<Task>? betweenTicks = null) =>
        await RunUntilAsync(() => Runs(plan).All(r => r.Completed is not null), seconds, maxTicks, betweenTicks);

    public IReadOnlyList<MigrationRun> Runs(Plan plan) => Store.GetRunsAsync(plan.Id).Result;

    public MigrationRun Run(Plan plan) => Runs(plan)[^1];

    public VmStatus Vm(Plan plan, VsphereVm vm) => Run(plan).Vms.Single(v => v.VmId == vm.Id);

    private sealed class Adapters(EngineHarness harness) : IProviderAdapters
    {
        public ISourceProvider Source(Provider provider) => harness.SourceAdapter;

        public ITargetCluster Target(Provider provider) => harness.TargetAdapter ?? harness.Cluster;
    }
}

internal sealed class RecordingAuditLog : IAuditLog
{
    public List<AuditEntry> Entries { get; } = [];

    public Task RecordAsync(string user, string action, string target, string details = "", bool succeeded = true, CancellationToken cancellationToken = default)
    {
        Entries.Add(new AuditEntry { User = user, Action = action, Target = target, Details = details, Succeeded = succeeded });
        return Task.CompletedTask;
    }
}
