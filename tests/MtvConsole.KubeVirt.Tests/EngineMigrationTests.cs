using System.Text.Json.Nodes;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.FakeKube;

namespace MtvConsole.KubeVirt.Tests;

public sealed class EngineMigrationTests
{
    [Fact]
    public async Task Warm_migration_grows_each_data_volumes_checkpoints_per_precopy_and_sets_the_final_one_at_cutover()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        var plan = h.AddPlan("warm-kube", warm: true, vm);
        var seen = new Dictionary<string, List<int>>();

        await h.StartAsync(plan, precopyMinutes: 5);
        await h.RunUntilAsync(() => h.Vm(plan).Warm is { Successes: 3 } && h.Vm(plan).Phase == Phases.CopyingPaused, betweenTicks: Record);
        Assert.True((await h.Commands.SetCutoverAsync(plan.Name, h.Cluster.Time.GetUtcNow(), null, "ops")).Succeeded);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null, betweenTicks: Record);

        var status = h.Vm(plan);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        var precopies = status.Warm!.Precopies;
        Assert.Equal(4, precopies.Count);
        foreach (var disk in vm.Disks)
        {
            var name = MigrationNames.DataVolume(plan, vm.Id, disk.Key);
            // The list grew one checkpoint at a time: 1 (initial), 2, 3 per precopy, 4 at cutover.
            Assert.Equal([1, 2, 3, 4], seen[name].Distinct().ToArray());
            var dv = await h.Target.GetDataVolumeAsync("vm-imports", name);
            Assert.NotNull(dv);
            Assert.True(dv.FinalCheckpoint);
            Assert.Equal(DataVolumePhase.Succeeded, dv.Phase);
            Assert.Equal(precopies.Select(p => p.Snapshot), dv.Checkpoints.Select(c => c.Current));
            Assert.Equal("", dv.Checkpoints[0].Previous);
        }

        var target = await h.Target.GetVirtualMachineAsync("vm-imports", MigrationNames.TargetVm(vm.Name));
        Assert.NotNull(target);
        Assert.True(target.Running);
        Assert.Equal(vm.Nics.Select(n => n.Mac).Order(StringComparer.OrdinalIgnoreCase), target.Macs.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

        async Task Record()
        {
            foreach (var disk in vm.Disks)
            {
                var name = MigrationNames.DataVolume(plan, vm.Id, disk.Key);
                var dv = await h.Target.GetDataVolumeAsync("vm-imports", name);
                if (dv is null) continue;
                if (!seen.TryGetValue(name, out var counts)) seen[name] = counts = [];
                counts.Add(dv.Checkpoints.Count);
            }
        }
    }

    [Fact]
    public async Task Cold_migration_creates_labelled_objects_a_vm_owning_its_data_volumes_and_a_shared_secret()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        var plan = h.AddPlan("cold-kube", warm: false, vm);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        Assert.True(h.Vm(plan).Succeeded, h.Vm(plan).Error?.Reasons.LastOrDefault());
        var selector = LabelSelector.Parse($"plan={plan.Id},migration={h.Run(plan).Id},vmID={vm.Id}");
        var (dvs, _) = h.Cluster.Store.List(ResourceTypes.DataVolume, "vm-imports", selector);
        Assert.Equal(vm.Disks.Count, dvs.Count);
        var (vms, _) = h.Cluster.Store.List(ResourceTypes.VirtualMachine, "vm-imports", selector);
        var kubeVm = Assert.Single(vms);
        var vmUid = kubeVm["metadata"]!["uid"]!.GetValue<string>();
        Assert.All(dvs, dv => Assert.Equal(vmUid, dv["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>()));
        var (secrets, _) = h.Cluster.Store.List(ResourceTypes.Secret, "vm-imports", selector);
        var secret = Assert.Single(secrets);
        Assert.Equal(MigrationNames.VddkSecret(plan, vm.Id), secret["metadata"]!["name"]!.GetValue<string>());
        Assert.All(dvs, dv => Assert.Equal(MigrationNames.VddkSecret(plan, vm.Id), dv["spec"]!["source"]!["vddk"]!["secretRef"]!.GetValue<string>()));
        Assert.Equal([h.Source.Id], h.Credentials.Requests.Distinct());
        Assert.Single(h.Cluster.Store.List(ResourceTypes.Pod, "vm-imports", selector).Items);
    }

    [Fact]
    public async Task Cold_migration_converts_the_guest_through_vcenter_with_the_vms_vddk_secret_and_the_pod_exits_by_itself()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        var plan = h.AddPlan("cold-v2v", warm: false, vm);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        Assert.True(h.Vm(plan).Succeeded, h.Vm(plan).Error?.Reasons.LastOrDefault());
        var pod = h.Cluster.Store.Get(ResourceTypes.Pod, "vm-imports", MigrationNames.ConversionPod(plan, vm.Id))!;
        Assert.Equal("Succeeded", pod["status"]!["phase"]!.GetValue<string>());
        var env = (pod["spec"]!["containers"]![0]!["env"] as System.Text.Json.Nodes.JsonArray)!.ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        Assert.StartsWith($"vpx://administrator%40vsphere.local@{new Uri(h.World.VCenterUrl).Authority}/", env["V2V_libvirtURL"], StringComparison.Ordinal);
        Assert.Equal((vm.Name, "false"), (env["V2V_vmName"], env["LOCAL_MIGRATION"]));
        Assert.Contains(pod["spec"]!["volumes"]!.AsArray(), v => v!["secret"]?["secretName"]?.GetValue<string>() == MigrationNames.VddkSecret(plan, vm.Id));
    }

    [Fact]
    public async Task Without_use_of_the_conversion_scc_the_vm_fails_at_the_conversion_pod_with_the_rule_to_add()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        h.Cluster.Server.Rbac.DenyNamed("security.openshift.io", "securitycontextconstraints", "forklift-controller-scc", "use");
        var vm = h.HealthyVm();
        var plan = h.AddPlan("no-scc", warm: false, vm);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        var failed = h.Vm(plan);
        Assert.Equal(Phases.CreateGuestConversionPod, failed.Error!.Phase);
        Assert.Contains("unable to validate against any security context constraint", failed.Error.Reasons[^1], StringComparison.Ordinal);
        Assert.Contains("resourceNames [forklift-controller-scc], verbs [use]", failed.Error.Reasons[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_removes_exactly_the_vms_objects()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        var plan = h.AddPlan("cancel-kube", warm: true, vm);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Vm(plan).Phase == Phases.CopyDisks);
        h.Cluster.Store.Create(ResourceTypes.ConfigMap, "vm-imports", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "unrelated", ["labels"] = new JsonObject { ["vmID"] = "vm-other" } },
        });
        var selector = LabelSelector.Parse($"vmID={vm.Id}");
        Assert.NotEmpty(h.Cluster.Store.List(ResourceTypes.DataVolume, "vm-imports", selector).Items);
        Assert.NotEmpty(h.Cluster.Store.List(ResourceTypes.Secret, "vm-imports", selector).Items);

        Assert.True((await h.Commands.CancelAsync(plan.Name, [vm.Id], "ops")).Succeeded);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        Assert.True(h.Vm(plan).HasCondition(ConditionTypes.Canceled));
        foreach (var type in new[] { ResourceTypes.DataVolume, ResourceTypes.Secret, ResourceTypes.Pod, ResourceTypes.VirtualMachine, ResourceTypes.Job, ResourceTypes.ConfigMap })
            Assert.Empty(h.Cluster.Store.List(type, "vm-imports", selector).Items);
        Assert.NotNull(h.Cluster.Store.Get(ResourceTypes.ConfigMap, "vm-imports", "unrelated"));
        Assert.NotNull(h.Cluster.Store.Get(ResourceTypes.VirtualMachine, "prod-apps", "legacy-crm-restored"));
    }

    [Fact]
    public async Task Importer_restarts_beyond_the_limit_fail_the_disk_with_the_pods_termination_message()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        var plan = h.AddPlan("restarts-kube", warm: false, vm);
        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Vm(plan).Phase == Phases.CopyDisks);

        h.Cluster.Cdi.FailImporter("vm-imports", MigrationNames.DataVolume(plan, vm.Id, vm.Disks[0].Key), 4, "VDDK: Cannot connect to host: NFC connection refused");
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        var status = h.Vm(plan);
        Assert.False(status.Succeeded);
        Assert.Contains("restarted 4 times", status.Error!.Reasons.Last(), StringComparison.Ordinal);
        Assert.Contains("NFC connection refused", status.Error.Reasons.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cold_migration_through_the_vcenter_gives_the_importer_the_pinned_thumbprint_and_copies_the_current_disk_state()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        var plan = h.AddPlan("thumbprint-kube", warm: false, vm);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        Assert.True(h.Vm(plan).Succeeded, h.Vm(plan).Error?.Reasons.LastOrDefault());
        foreach (var disk in vm.Disks)
        {
            var name = MigrationNames.DataVolume(plan, vm.Id, disk.Key);
            var vddk = h.Cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", name)!["spec"]!["source"]!["vddk"]!;
            Assert.Equal((h.World.VCenterUrl, h.World.VCenterThumbprint), (vddk["url"]!.GetValue<string>(), vddk["thumbprint"]!.GetValue<string>()));
            var copy = Assert.Single(h.Cluster.Cdi.Vddk.Copies("vm-imports", name));
            Assert.Equal((disk.File, true), (copy.File, copy.CurrentFile));
        }
    }

    [Fact]
    public async Task A_provider_without_a_pinned_thumbprint_makes_the_importer_restart_until_the_vm_fails()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        h.Source.PinnedSha1 = null;
        var vm = h.HealthyVm();
        var plan = h.AddPlan("unpinned-kube", warm: false, vm);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        var status = h.Vm(plan);
        Assert.False(status.Succeeded);
        Assert.Contains("the importer restarted", status.Error!.Reasons.Last(), StringComparison.Ordinal);
        Assert.Contains("\"thumbprint\" parameter (not specified)", status.Error.Reasons.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vm_with_snapshots_is_copied_from_the_top_of_its_snapshot_chain()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.World.Inventory.Vsphere.Vms.First(v => v.Snapshot is not null);
        var plan = h.AddPlan("snapshots-kube", warm: false, vm);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Vm(plan).Phase is Phases.CreateGuestConversionPod or Phases.ConvertGuest || h.Run(plan).Completed is not null);

        foreach (var disk in vm.Disks)
        {
            var copy = Assert.Single(h.Cluster.Cdi.Vddk.Copies("vm-imports", MigrationNames.DataVolume(plan, vm.Id, disk.Key)));
            Assert.Matches(@"-000001\.vmdk$", copy.File);
            Assert.Equal((disk.File, true), (copy.File, copy.CurrentFile));
        }
    }

    [Fact]
    public async Task A_vm_on_a_host_with_a_migration_network_is_read_through_that_host_with_its_esxi_account()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        var esxi = h.World.Inventory.Vsphere.FindHost(vm.HostId)!;
        var ip = esxi.NetworkAdapters.OrderByDescending(a => a.LinkSpeedMbps).First().IpAddress;
        var host = new MigrationNetworkHost { Name = "esx-net", ProviderId = h.Source.Id, HostRef = Ref.ById(esxi.Id), IpAddress = ip, UserName = "root" };
        host.Validate(h.Cluster.Time.GetUtcNow(), _ => { }, "The host is ready.");
        h.Store.MigrationHosts.Add(host);
        h.Credentials.Hosts[host.Id] = new SourceCredentials(h.Endpoints.EsxiAccount.User, h.Endpoints.EsxiAccount.Password);
        var plan = h.AddPlan("esxi-kube", warm: false, vm);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        Assert.True(h.Vm(plan).Succeeded, h.Vm(plan).Error?.Reasons.LastOrDefault());
        var dv = h.Cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", MigrationNames.DataVolume(plan, vm.Id, vm.Disks[0].Key))!;
        Assert.Equal($"https://{ip}/sdk", dv["spec"]!["source"]!["vddk"]!["url"]!.GetValue<string>());
        Assert.Equal(esxi.Thumbprint, dv["spec"]!["source"]!["vddk"]!["thumbprint"]!.GetValue<string>());
        var secret = h.Cluster.Store.Get(ResourceTypes.Secret, "vm-imports", MigrationNames.VddkSecret(plan, vm.Id))!;
        Assert.Equal("root", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["accessKeyId"]!.GetValue<string>())));
    }
}
