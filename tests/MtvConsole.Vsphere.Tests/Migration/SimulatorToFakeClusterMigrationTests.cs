using System.Text;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Core.Tests.Engine;
using MtvConsole.FakeKube;
using MtvConsole.KubeVirt;
using MtvConsole.KubeVirt.Tests;
using MtvConsole.Lab;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests.Migration;

/// <summary>
/// Full plans from the vSphere simulator to the strict fake API server: the source is the vSphere adapter talking to
/// vcsim, the target the KubeVirt adapter and hook runner on FakeKube, whose CDI importer reaches vcsim over "VDDK"
/// (<see cref="VcsimVddkEndpoints"/>). The engine and the cluster share one fake clock; vCenter runs on real time.
/// </summary>
public sealed class SimulatorToFakeClusterMigrationTests(ScenarioSimulator fixture) : IClassFixture<ScenarioSimulator>, IAsyncLifetime
{
    /// <summary>MTV's documented way to read the hook inputs (kubev2v/forklift d42511bb2 docs/hooks.md).</summary>
    private const string Playbook = """
        - name: Main
          hosts: localhost
          tasks:
          - name: Load Workload
            include_vars:
              file: workload.yml
              name: workload
          - name: Show the VM's address
            debug:
              msg: "{{ workload.vm.ipaddress }}"
        """;

    private readonly InMemoryMigrationStore _store = new();
    private FakeCluster _cluster = null!;
    private VsphereSourceProvider _source = null!;
    private VcsimVddkEndpoints _endpoints = null!;
    private KubeVirtTargetCluster _target = null!;
    private MigrationEngine _engine = null!;
    private MigrationCommands _commands = null!;
    private VsphereInventory _inventory = null!;
    private readonly Provider _vcenter = new() { Name = "sim-vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote, VddkInitImage = FakeClusterFixture.VddkImage };
    private readonly Provider _ocp = new() { Name = "ocp", Type = ProviderType.OpenShift, Backing = ProviderBacking.Remote };

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        // The engine's clock jumps per tick; vCenter's changes reach the adapter through its own operations.
        _source = new VsphereSourceProvider(fixture.Sim.Options(), _cluster.Time) { FreshFor = TimeSpan.FromDays(365) };
        _inventory = await _source.GetInventoryAsync();
        _endpoints = new VcsimVddkEndpoints(fixture.Sim);
        _cluster.Cdi.Vddk.Endpoints = _endpoints;
        _cluster.Cdi.SourceSnapshotExists = _endpoints.SourceSnapshotExists;
        _target = FakeClusterFixture.Adapter(_cluster, new FixedCredentials(Vcsim.User, Vcsim.Password));
        _vcenter.Url = fixture.Sim.Url.ToString();
        _vcenter.PinnedSha1 = fixture.Sim.Thumbprint;
        _ocp.Url = _cluster.Server.Url.ToString();
        _store.Providers[_vcenter.Id] = _vcenter;
        _store.Providers[_ocp.Id] = _ocp;
        _engine = new MigrationEngine(_store, new Adapters(_source, _target, new KubeVirtHookRunner(_cluster.Client())), new LabHookRunner(_cluster.Time), _cluster.Time, new EngineEventFeed());
        _commands = new MigrationCommands(_engine, new NoAudit(), _cluster.Time);
    }

    public async Task DisposeAsync()
    {
        await _endpoints.DisposeAsync();
        await _source.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_cold_plan_runs_from_vcenter_to_the_cluster()
    {
        var vm = Spare();
        var plan = AddPlan("cold-sim-kube", warm: false, vm);

        await StartAsync(plan);
        await RunUntilAsync(() => Run(plan).Completed is not null);

        var status = Status(plan);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.Equal(Phases.Completed, status.Phase);
        Assert.NotNull(_cluster.Store.Get(ResourceTypes.VirtualMachine, "vm-imports", MigrationNames.TargetVm(vm.Name)));
        Assert.NotEmpty(vm.Disks);
        foreach (var disk in vm.Disks)
        {
            var dv = _cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", MigrationNames.DataVolume(plan, vm.Id, disk.Key));
            Assert.NotNull(dv);
            var vddk = dv["spec"]!["source"]!["vddk"]!;
            Assert.Equal(fixture.Sim.Thumbprint, vddk["thumbprint"]!.GetValue<string>());
            Assert.Equal(disk.File, vddk["backingFile"]!.GetValue<string>());
            Assert.Equal(vm.Uuid, vddk["uuid"]!.GetValue<string>());
            // The importer read the disk's current file as vCenter reports it.
            var copy = Assert.Single(_cluster.Cdi.Vddk.Copies("vm-imports", MigrationNames.DataVolume(plan, vm.Id, disk.Key)));
            Assert.Equal(disk.File, copy.File);
            Assert.True(copy.CurrentFile);
        }

        var pod = _cluster.Store.Get(ResourceTypes.Pod, "vm-imports", MigrationNames.ConversionPod(plan, vm.Id))!;
        var env = pod["spec"]!["containers"]![0]!["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]?.GetValue<string>());
        Assert.StartsWith("vpx://", env["V2V_libvirtURL"]);
        Assert.Equal("Succeeded", pod["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(PowerState.PoweredOff, await _source.GetPowerStateAsync(vm.Id));
    }

    [Fact]
    public async Task A_warm_plan_with_two_precopies_a_cutover_and_a_hook_runs_from_vcenter_to_the_cluster()
    {
        var vm = Spare();
        Assert.NotEmpty(vm.IpAddress);
        var hook = new Hook { Name = "show-ip", Image = BuiltInHooks.HookRunnerImage, Playbook = Convert.ToBase64String(Encoding.UTF8.GetBytes(Playbook)) };
        _store.Hooks[hook.Id] = hook;
        var plan = AddPlan("warm-sim-kube", warm: true, vm, [new PlanHook(HookStep.PreHook, hook.Id)]);
        var names = vm.Disks.Select(d => MigrationNames.DataVolume(plan, vm.Id, d.Key)).ToList();

        await StartAsync(plan, precopyMinutes: 5);
        // A precopy counts once CDI has copied its checkpoint: every PVC then carries checkpoint.copied.<snapshot> (until
        // the final checkpoint, when CDI drops them for checkpoint.done: kubevirt/containerized-data-importer c07cdb6fb
        // pkg/controller/common/checkpoint-util.go: deleteMultistageImportAnnotations).
        await RunUntilAsync(() => Status(plan).Warm is { Successes: >= 2 } && Status(plan).Phase == Phases.CopyingPaused, seconds: 30, betweenTicks: CheckCounted);
        await CheckCounted();
        Assert.True((await _commands.SetCutoverAsync(plan.Name, _cluster.Time.GetUtcNow(), null, "ops")).Succeeded);
        await RunUntilAsync(() => Run(plan).Completed is not null);

        var status = Status(plan);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        var precopies = status.Warm!.Precopies;
        Assert.True(precopies.Count >= 3, $"{precopies.Count} precopies");
        Assert.True(precopies[^1].Final);
        foreach (var name in names)
        {
            // Each checkpoint after the first copy read its own snapshot, as vCenter's snapshot tree named it then.
            var copies = _cluster.Cdi.Vddk.Copies("vm-imports", name);
            Assert.Equal(precopies.Select(p => p.Snapshot), copies.Select(c => c.Snapshot));
        }

        var job = _cluster.Store.Get(ResourceTypes.Job, "vm-imports", MigrationNames.HookJob(plan, vm.Id, HookStep.PreHook));
        Assert.NotNull(job);
        Assert.Contains(job["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Complete");
        Assert.NotNull(_cluster.Store.Get(ResourceTypes.VirtualMachine, "vm-imports", MigrationNames.TargetVm(vm.Name)));
        Assert.Empty(await _source.GetSnapshotsAsync(vm.Id));
        Assert.Equal(PowerState.PoweredOff, await _source.GetPowerStateAsync(vm.Id));

        Task CheckCounted()
        {
            foreach (var precopy in Status(plan).Warm?.Precopies.Where(p => p.End is not null && !p.Final) ?? [])
            {
                foreach (var name in names)
                {
                    var annotations = _cluster.Store.Get(ResourceTypes.PersistentVolumeClaim, "vm-imports", name)?["metadata"]?["annotations"]?.AsObject();
                    Assert.True(annotations?.ContainsKey(DataVolumeClaim.CheckpointCopiedPrefix + precopy.Snapshot) == true,
                        $"precopy of {precopy.Snapshot} counted before PVC {name} carried its checkpoint.copied annotation: {annotations?.ToJsonString()}");
                }
            }

            return Task.CompletedTask;
        }
    }

    private VsphereVm Spare()
    {
        var name = fixture.TakeSpareVm();
        return _inventory.Vms.Single(v => v.Name == name);
    }

    private Plan AddPlan(string name, bool warm, VsphereVm vm, IReadOnlyList<PlanHook>? hooks = null)
    {
        var storage = new StorageMap
        {
            Name = $"{name}-storage", SourceProviderId = _vcenter.Id, DestinationProviderId = _ocp.Id,
            Entries = [.. _inventory.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), FakeClusterFixture.ImmediateClass))],
        };
        var network = new NetworkMap
        {
            Name = $"{name}-network", SourceProviderId = _vcenter.Id, DestinationProviderId = _ocp.Id,
            Entries = [.. vm.NetworkIds.Select(n => new NetworkMapEntry(Ref.ById(n), NetworkDestinationType.Pod))],
        };
        _store.StorageMaps[storage.Id] = storage;
        _store.NetworkMaps[network.Id] = network;
        var plan = new Plan
        {
            Name = name, SourceProviderId = _vcenter.Id, DestinationProviderId = _ocp.Id, StorageMapId = storage.Id, NetworkMapId = network.Id,
            TargetNamespace = "vm-imports", Warm = warm, Vms = [new PlanVm(Ref.ById(vm.Id), hooks ?? [])],
        };
        _store.Plans[plan.Id] = plan;
        return plan;
    }

    private async Task StartAsync(Plan plan, int? precopyMinutes = null)
    {
        var result = await _commands.StartAsync(plan.Name, "ops", null, precopyMinutes);
        Assert.True(result.Succeeded, result.Problem);
        await _engine.TickAsync();
    }

    private async Task RunUntilAsync(Func<bool> done, double seconds = 10, Func<Task>? betweenTicks = null)
    {
        for (var i = 0; i < 500; i++)
        {
            if (done()) return;
            if (betweenTicks is not null) await betweenTicks();
            _cluster.Advance(TimeSpan.FromSeconds(seconds));
            await _engine.TickAsync();
        }

        Assert.Fail($"Not done after 500 ticks; VM phase {Run(_store.Plans.Values.First()).Vms[0].Phase}.");
    }

    private MigrationRun Run(Plan plan) => _store.GetRunsAsync(plan.Id).Result[^1];

    private VmStatus Status(Plan plan) => Run(plan).Vms.Single();

    private sealed class Adapters(ISourceProvider source, ITargetCluster target, IHookRunner hooks) : IProviderAdapters
    {
        public ISourceProvider Source(Provider provider) => source;

        public ITargetCluster Target(Provider provider) => target;

        public IHookRunner? Hooks(Provider provider) => hooks;
    }

    private sealed class NoAudit : IAuditLog
    {
        public Task RecordAsync(string user, string action, string target, string details = "", bool succeeded = true, CancellationToken cancellationToken = default) =>
            Task.CompletedTask;
    }
}
