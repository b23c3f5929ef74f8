using System.Text.Json.Nodes;
using k8s;
using MtvConsole.Core.Ports;
using MtvConsole.FakeKube;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>409 adoption, conflicts, API validation and hook jobs, through HTTP against the fake server.</summary>
public sealed class AdapterBehaviourTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Labels = new() { ["plan"] = "p-1", ["migration"] = "m-1", ["vmID"] = "vm-42" };
    private FakeCluster _cluster = null!;
    private KubeVirtTargetCluster _adapter = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        _cluster.AddNamespace("vm-imports");
        _adapter = FakeClusterFixture.Adapter(_cluster);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static DataVolumeSpec Dv(string name, IReadOnlyDictionary<string, string>? labels = null) => new()
    {
        Namespace = "vm-imports", Name = name, Labels = labels ?? Labels, SourceUrl = "https://vc/sdk", VmId = "vm-42", VmUuid = "u", DiskKey = 1,
        BackingFile = "[ds] a.vmdk", StorageClass = FakeClusterFixture.ImmediateClass, SizeBytes = 1 << 30, SecretName = "p-vm-42-vddk", VddkInitImage = FakeClusterFixture.VddkImage,
    };

    [Fact]
    public async Task Creating_our_own_data_volume_again_adopts_it()
    {
        await _adapter.CreateDataVolumeAsync(Dv("disk-a"));
        var before = _cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", "disk-a")!["metadata"]!["uid"]!.GetValue<string>();

        await _adapter.CreateDataVolumeAsync(Dv("disk-a"));

        Assert.Equal(before, _cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", "disk-a")!["metadata"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_foreign_data_volume_with_the_same_name_is_refused()
    {
        await _adapter.CreateDataVolumeAsync(Dv("disk-b", new Dictionary<string, string> { ["vmID"] = "someone-else" }) with { SecretName = "other-secret" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.CreateDataVolumeAsync(Dv("disk-b")));
        Assert.Contains("did not create", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_are_appended_once_and_survive_a_concurrent_update()
    {
        await _adapter.CreateDataVolumeAsync(Dv("disk-c") with { Checkpoints = [new DataVolumeCheckpoint("", "snap-1")] });
        // Someone else (CDI writing status) changes the object between our read and our write: we retry.
        _cluster.Store.Mutate(ResourceTypes.DataVolume, "vm-imports", "disk-c", o => o["metadata"]!["annotations"]!["touched"] = "yes");

        await _adapter.AddCheckpointAsync("vm-imports", "disk-c", new DataVolumeCheckpoint("52 aa/1", "snap-2"), final: false);
        await _adapter.AddCheckpointAsync("vm-imports", "disk-c", new DataVolumeCheckpoint("52 aa/1", "snap-2"), final: false);
        await _adapter.AddCheckpointAsync("vm-imports", "disk-c", new DataVolumeCheckpoint("52 aa/2", "snap-3"), final: true);

        var dv = await _adapter.GetDataVolumeAsync("vm-imports", "disk-c");
        Assert.Equal(["snap-1", "snap-2", "snap-3"], dv!.Checkpoints.Select(c => c.Current));
        Assert.True(dv.FinalCheckpoint);
    }

    [Fact]
    public async Task A_missing_transfer_network_is_refused_before_anything_is_created()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.CreateDataVolumeAsync(Dv("disk-d") with { TransferNetwork = "openshift-mtv/nope" }));

        Assert.Contains("openshift-mtv/nope", error.Message, StringComparison.Ordinal);
        Assert.Null(_cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", "disk-d"));
    }

    [Fact]
    public async Task Transfer_network_annotation_reaches_the_data_volume_with_the_ipam_default_gateway_as_its_default_route()
    {
        // kubev2v/forklift d42511bb2 pkg/controller/plan/kubevirt.go guessTransferNetworkDefaultRoute: ipam.routes 0.0.0.0/0 via 10.10.0.1.
        await _adapter.CreateDataVolumeAsync(Dv("disk-e") with { TransferNetwork = "openshift-mtv/transfer" });

        var annotations = _cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", "disk-e")!["metadata"]!["annotations"]!;
        Assert.Equal("""[{"name":"transfer","namespace":"openshift-mtv","default-route":["10.10.0.1"]}]""", annotations["k8s.v1.cni.cncf.io/networks"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_transfer_network_whose_route_annotation_is_not_an_ip_is_refused_before_the_data_volume_is_created()
    {
        _cluster.AddNad("openshift-mtv", "routed-by-name", """{"cniVersion":"0.3.1","type":"macvlan"}""",
            new Dictionary<string, string> { ["forklift.konveyor.io/route"] = "gw.example.com" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.CreateDataVolumeAsync(Dv("disk-f") with { TransferNetwork = "openshift-mtv/routed-by-name" }));

        Assert.StartsWith("TransferNetworkNotValid:", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"gw.example.com\", which is not an IP address", error.Message, StringComparison.Ordinal);
        Assert.Null(_cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", "disk-f"));
    }

    [Fact]
    public async Task The_api_server_rejects_a_name_that_is_not_dns_1123_with_its_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.CreateVirtualMachineAsync(new TargetVmSpec { Namespace = "vm-imports", Name = "Web_01" }));

        Assert.Contains("RFC 1123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubevirt_refuses_a_vm_with_two_interfaces_on_the_pod_network()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.CreateVirtualMachineAsync(new TargetVmSpec
        {
            Namespace = "vm-imports", Name = "two-pod-nics", Labels = Labels,
            Nics = [new TargetVmNic("net-0", "pod", null, "00:50:56:0a:00:01"), new TargetVmNic("net-1", "pod", null, "00:50:56:0a:00:02")],
        }));

        Assert.Contains("more than one interface is connected to a pod network", error.Message, StringComparison.Ordinal);
        Assert.Null(_cluster.Store.Get(ResourceTypes.VirtualMachine, "vm-imports", "two-pod-nics"));
    }

    [Fact]
    public async Task The_created_vm_boots_from_the_boot_disk_and_keeps_the_disk_serials()
    {
        await _adapter.CreateDataVolumeAsync(Dv("dv-data"));
        await _adapter.CreateDataVolumeAsync(Dv("dv-boot"));
        await _adapter.CreateVirtualMachineAsync(new TargetVmSpec
        {
            Namespace = "vm-imports", Name = "nvme-boot", Labels = Labels,
            DataVolumes = ["dv-data", "dv-boot"],
            DiskSerials = new Dictionary<string, string> { ["dv-data"] = "6000C29f-0e1d-2c3b-4", ["dv-boot"] = "6000C29a-1b2c-3d4e-5" },
            BootDataVolume = "dv-boot",
        });

        var disks = _cluster.Store.Get(ResourceTypes.VirtualMachine, "vm-imports", "nvme-boot")!["spec"]!["template"]!["spec"]!["domain"]!["devices"]!["disks"]!.AsArray();
        Assert.Null(disks[0]!["bootOrder"]);
        Assert.Equal(1, disks[1]!["bootOrder"]!.GetValue<int>());
        Assert.Equal(["6000C29f-0e1d-2c3b-4", "6000C29a-1b2c-3d4e-5"], disks.Select(d => d!["serial"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Kubevirt_refuses_a_disk_serial_with_characters_libvirt_does_not_take()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.CreateVirtualMachineAsync(new TargetVmSpec
        {
            Namespace = "vm-imports", Name = "bad-serial", Labels = Labels,
            DataVolumes = ["dv-a"], DiskSerials = new Dictionary<string, string> { ["dv-a"] = "{6000C29a 1b2c}" },
        }));

        Assert.Contains("must be made up of the following characters [A-Za-z0-9_.+-]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fake_rejects_unknown_kinds_and_missing_required_fields()
    {
        var client = _cluster.Client();
        var unknown = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } },
                "example.com", "v1", "vm-imports", "widgets"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.Response.StatusCode);

        var invalid = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject
            {
                ["apiVersion"] = "cdi.kubevirt.io/v1beta1", ["kind"] = "DataVolume", ["metadata"] = new JsonObject { ["name"] = "no-storage" },
                ["spec"] = new JsonObject { ["source"] = new JsonObject { ["blank"] = new JsonObject() } },
            }, "cdi.kubevirt.io", "v1beta1", "vm-imports", "datavolumes"));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, invalid.Response.StatusCode);
        Assert.Contains("missing storage or pvc", invalid.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_hook_job_retries_then_fails_with_the_last_pods_output()
    {
        var hooks = new KubeVirtHookRunner(_cluster.Client());
        var spec = new HookJobSpec { Namespace = "vm-imports", Name = "p-vm-42-prehook", Image = "quay.io/example/hook-fail", VmId = "vm-42", Retries = 2, Labels = Labels };

        await hooks.StartAsync(spec);
        await hooks.StartAsync(spec); // adopts
        HookJobStatus? status = null;
        for (var i = 0; i < 40 && status?.Phase != HookJobPhase.Failed; i++)
        {
            _cluster.Advance(TimeSpan.FromSeconds(10));
            status = await hooks.GetAsync("vm-imports", spec.Name);
        }

        Assert.Equal(HookJobPhase.Failed, status!.Phase);
        Assert.Equal(3, status.Failures);
        Assert.Contains("exited with code 2", status.Output, StringComparison.Ordinal);
        Assert.NotNull(_cluster.Store.Get(ResourceTypes.ConfigMap, "vm-imports", spec.Name));

        await hooks.DeleteAsync("vm-imports", spec.Name);
        Assert.Null(await hooks.GetAsync("vm-imports", spec.Name));
        Assert.Empty(_cluster.Store.List(ResourceTypes.Pod, "vm-imports", LabelSelector.Parse($"job-name={spec.Name}")).Items);
        Assert.Null(_cluster.Store.Get(ResourceTypes.ConfigMap, "vm-imports", spec.Name));
    }

    [Fact]
    public async Task An_image_only_hook_on_the_hook_runner_image_fails_as_ansible_runner_does_without_a_playbook()
    {
        var hooks = new KubeVirtHookRunner(_cluster.Client());
        var spec = new HookJobSpec { Namespace = "vm-imports", Name = "p-vm-42-prehook", Image = "quay.io/konveyor/hook-runner", VmId = "vm-42", Retries = 0, Labels = Labels };
        await hooks.StartAsync(spec);

        _cluster.Advance(TimeSpan.FromSeconds(40));

        var status = await hooks.GetAsync("vm-imports", spec.Name);
        Assert.Equal(HookJobPhase.Failed, status!.Phase);
        Assert.Equal("The -p option must be specified when not using -m or -r", status.Output);
    }

    [Fact]
    public async Task A_hook_whose_ssh_key_secret_does_not_exist_never_starts_and_fails_at_its_deadline()
    {
        var hooks = new KubeVirtHookRunner(_cluster.Client());
        var spec = new HookJobSpec
        {
            Namespace = "vm-imports", Name = "p-vm-42-posthook", Image = "quay.io/konveyor/hook-runner", VmId = "vm-42", Labels = Labels, DeadlineSeconds = 120,
            Playbook = "- hosts: localhost\n  tasks:\n  - debug: {msg: hi}\n", SshKeySecret = "missing-key",
        };
        await hooks.StartAsync(spec);

        _cluster.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HookJobPhase.Running, (await hooks.GetAsync("vm-imports", spec.Name))!.Phase);
        Assert.Contains("secret \"missing-key\" not found", _cluster.Store.Get(ResourceTypes.Pod, "vm-imports", $"{spec.Name}-1")!["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        _cluster.Advance(TimeSpan.FromSeconds(70));

        Assert.Contains("DeadlineExceeded", (await hooks.GetAsync("vm-imports", spec.Name))!.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Succeeding_hook_job_succeeds()
    {
        var hooks = new KubeVirtHookRunner(_cluster.Client());
        var spec = new HookJobSpec
        {
            Namespace = "vm-imports", Name = "p-vm-42-posthook", Image = "quay.io/konveyor/hook-runner", VmId = "vm-42", Labels = Labels,
            Playbook = "- hosts: localhost\n  tasks:\n  - debug: {msg: hi}\n",
        };
        await hooks.StartAsync(spec);

        _cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HookJobPhase.Running, (await hooks.GetAsync("vm-imports", spec.Name))!.Phase);
        _cluster.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(HookJobPhase.Succeeded, (await hooks.GetAsync("vm-imports", spec.Name))!.Phase);
    }
}
