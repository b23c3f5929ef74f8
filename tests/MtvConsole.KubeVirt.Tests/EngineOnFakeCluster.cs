using MtvConsole.Core.Auditing;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Core.Tests.Engine;
using MtvConsole.FakeKube;
using MtvConsole.Lab;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// The real <see cref="MigrationEngine"/> from the Lab vCenter to the fake API server through the KubeVirt
/// adapter and hook runner, all on one fake clock: each tick lets time pass in the cluster (its
/// controllers run) and then runs one engine tick. As in the console, the engine's default hook runner is
/// the Lab's and the destination's adapters give the real one.
/// </summary>
internal sealed class EngineOnFakeCluster : IAsyncDisposable
{
    private EngineOnFakeCluster(FakeCluster cluster)
    {
        Cluster = cluster;
        World = new LabWorld(new LabOptions { VmCount = 20 }, cluster.Time);
        VCenter = new LabVCenter(World);
        Endpoints = new LabVddkEndpoints(World, VCenter);
        cluster.Cdi.Vddk.Endpoints = Endpoints;
        Target = FakeClusterFixture.Adapter(cluster, Credentials);
        Hooks = new KubeVirtHookRunner(cluster.Client());
        Source = new Provider { Name = "vcenter", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, Url = World.VCenterUrl, PinnedSha1 = World.VCenterThumbprint, VddkInitImage = FakeClusterFixture.VddkImage };
        Destination = new Provider { Name = "ocp", Type = ProviderType.OpenShift, Backing = ProviderBacking.Remote, Url = cluster.Server.Url.ToString() };
        Store.Providers[Source.Id] = Source;
        Store.Providers[Destination.Id] = Destination;
        StorageMap = new StorageMap
        {
            Name = "storage",
            SourceProviderId = Source.Id,
            DestinationProviderId = Destination.Id,
            Entries = World.Inventory.Vsphere.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), FakeClusterFixture.ImmediateClass)).ToList(),
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
        cluster.Cdi.SourceSnapshotExists = SnapshotExists;
        Engine = new MigrationEngine(Store, new Adapters(this), new LabHookRunner(cluster.Time), cluster.Time, Feed);
        Commands = new MigrationCommands(Engine, new NoAudit(), cluster.Time);
    }

    public FakeCluster Cluster { get; }
    public LabWorld World { get; }
    public LabVCenter VCenter { get; }

    /// <summary>What the fake CDI importer reaches: the Lab vCenter and its ESXi hosts, with their thumbprints and accounts.</summary>
    public LabVddkEndpoints Endpoints { get; }
    public KubeVirtTargetCluster Target { get; }
    public KubeVirtHookRunner Hooks { get; }
    public FixedCredentials Credentials { get; } = new();
    public InMemoryMigrationStore Store { get; } = new();
    public Provider Source { get; }
    public Provider Destination { get; }
    public StorageMap StorageMap { get; }
    public NetworkMap NetworkMap { get; }
    public EngineEventFeed Feed { get; } = new();
    public MigrationEngine Engine { get; }
    public MigrationCommands Commands { get; }

    public static async Task<EngineOnFakeCluster> StartAsync() => new(await FakeClusterFixture.StartSeededAsync());

    public VsphereVm HealthyVm(Func<VsphereVm, bool>? extra = null) =>
        World.Inventory.Vsphere.Vms.First(v =>
            v.PowerState == PowerState.PoweredOn && v.ToolsStatus == "toolsOk" && v.ConnectionState == "connected" && !v.IsTemplate
            && v.ChangeTrackingEnabled && v.Disks.Count > 0 && v.Disks.All(d => d.ChangeTrackingEnabled && d.CapacityBytes > 0 && d.DatastoreId != "")
            && !v.FaultToleranceEnabled && v.Devices.Count == 0 && v.Snapshot is null && v.Nics.Count > 0
            && v.GuestId.StartsWith("rhel", StringComparison.Ordinal) && (extra?.Invoke(v) ?? true));

    public Plan AddPlan(string name, bool warm, VsphereVm vm, IReadOnlyList<PlanHook>? hooks = null)
    {
        var plan = new Plan
        {
            Name = name,
            SourceProviderId = Source.Id,
            DestinationProviderId = Destination.Id,
            StorageMapId = StorageMap.Id,
            NetworkMapId = NetworkMap.Id,
            TargetNamespace = "vm-imports",
            Warm = warm,
            Vms = [new PlanVm(Ref.ById(vm.Id), hooks ?? [])],
        };
        Store.Plans[plan.Id] = plan;
        return plan;
    }

    public async Task StartAsync(Plan plan, DateTimeOffset? cutover = null, int? precopyMinutes = null)
    {
        var result = await Commands.StartAsync(plan.Name, "ops", cutover, precopyMinutes);
        Assert.True(result.Succeeded, result.Problem);
        await Engine.TickAsync();
    }

    public async Task TickAsync(double seconds)
    {
        Cluster.Advance(TimeSpan.FromSeconds(seconds));
        await Engine.TickAsync();
    }

    public async Task RunUntilAsync(Func<bool> done, double seconds = 10, int maxTicks = 5000, Func<Task>? betweenTicks = null)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            if (done()) return;
            if (betweenTicks is not null) await betweenTicks();
            await TickAsync(seconds);
        }

        Assert.Fail($"Not done after {maxTicks} ticks of {seconds} s; VM phase {Store.GetRunsAsync(Store.Plans.Keys.First()).Result[^1].Vms[0].Phase}.");
    }

    public MigrationRun Run(Plan plan) => Store.GetRunsAsync(plan.Id).Result[^1];

    public VmStatus Vm(Plan plan) => Run(plan).Vms.Single();

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();

    /// <summary>What the fake CDI's importer finds in the Lab vCenter: the VM by BIOS UUID, then its snapshot.</summary>
    private bool SnapshotExists(string uuid, string snapshot)
    {
        var vm = World.Inventory.Vsphere.Vms.FirstOrDefault(v => v.Uuid == uuid);
        if (vm is null) return false;
        try
        {
            VCenter.GetSnapshotChangeIdsAsync(vm.Id, snapshot).GetAwaiter().GetResult();
            return true;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
    }

    private sealed class Adapters(EngineOnFakeCluster h) : IProviderAdapters
    {
        public ISourceProvider Source(Provider provider) => h.VCenter;

        public ITargetCluster Target(Provider provider) => h.Target;

        public IHookRunner? Hooks(Provider provider) => h.Hooks;
    }

    private sealed class NoAudit : IAuditLog
    {
        public Task RecordAsync(string user, string action, string target, string details = "", bool succeeded = true, CancellationToken cancellationToken = default) =>
            Task.CompletedTask;
    }
}
