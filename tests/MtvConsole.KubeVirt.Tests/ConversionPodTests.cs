using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.FakeKube;
using MtvConsole.KubeVirt.Manifests;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// The conversion pod on the fake cluster, whose conversion image follows the current forklift-virt-v2v
/// entrypoint: it logs in with the VM's VDDK Secret through the libvirt URL, exits when LOCAL_MIGRATION is false,
/// and otherwise waits for /shutdown; SCC admission decides whether the pod may run as user 107 at all.
/// </summary>
public sealed class ConversionPodTests : IAsyncLifetime
{
    private const string Ns = "vm-imports";
    private const string Pod = "p-vm-42-v2v";
    private const string Secret = "p-vm-42-vddk";
    private static readonly Dictionary<string, string> Labels = new() { ["plan"] = "p-1", ["migration"] = "m-1", ["vmID"] = "vm-42" };
    private FakeCluster _cluster = null!;
    private KubeVirtTargetCluster _adapter = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        _cluster.AddNamespace(Ns);
        _adapter = FakeClusterFixture.Adapter(_cluster);
        foreach (var (name, mode) in new[] { ("disk-a", VolumeMode.Filesystem), ("disk-b", VolumeMode.Block) })
        {
            await _adapter.CreateDataVolumeAsync(new DataVolumeSpec
            {
                Namespace = Ns, Name = name, Labels = Labels, SourceUrl = "https://vc/sdk", VmId = "vm-42", VmUuid = "u", DiskKey = 1,
                BackingFile = "[ds] a.vmdk", StorageClass = FakeClusterFixture.ImmediateClass, VolumeMode = mode, SizeBytes = 1 << 30, SecretName = Secret, VddkInitImage = FakeClusterFixture.VddkImage,
            });
        }
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static ConversionPodSpec Spec => new()
    {
        Namespace = Ns, Name = Pod, VmId = "vm-42", GuestId = "rhel9_64Guest", TotalDiskBytes = 2L << 30,
        DataVolumes = ["disk-a", "disk-b"], Labels = Labels, VmName = "web-01", CpuCount = 2, MemoryMB = 4096, SecretName = Secret,
        Source = new ConversionSource(ConversionSource.Vpx, "vc.example.com", "/DC1/Cluster1/esx-01", "AA:BB", "administrator@vsphere.local"),
    };

    [Fact]
    public async Task Progress_is_read_from_the_metrics_while_running_and_the_pod_exits_when_the_conversion_is_done()
    {
        await _adapter.CreateConversionPodAsync(Spec);

        _cluster.Step(TimeSpan.Zero); // scheduled: Running
        var running = await _adapter.GetPodAsync(Ns, Pod);
        Assert.Equal((PodPhase.Running, 0), (running!.Phase, running.ProgressPercent));

        _cluster.Time.Advance(_cluster.Pods.RunFor * 0.75); // first disk converted, second half-way
        var halfway = await _adapter.GetPodAsync(Ns, Pod);
        Assert.Equal(75, halfway!.ProgressPercent, precision: 1);

        _cluster.Time.Advance(_cluster.Pods.RunFor * 0.25);
        _cluster.Step(TimeSpan.Zero);
        var done = await _adapter.GetPodAsync(Ns, Pod);
        Assert.Equal((PodPhase.Succeeded, 100), (done!.Phase, done.ProgressPercent));

        await _adapter.DeletePodAsync(Ns, Pod);
        Assert.Null(_cluster.Store.Get(ResourceTypes.Pod, Ns, Pod));
    }

    [Fact]
    public async Task The_libvirt_url_carries_the_user_of_the_vms_vddk_secret_and_no_password()
    {
        await _adapter.CreateConversionPodAsync(Spec);

        var pod = _cluster.Store.Get(ResourceTypes.Pod, Ns, Pod)!;
        var env = (pod["spec"]!["containers"]![0]!["env"] as JsonArray)!.ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        Assert.Equal("vpx://administrator%40vsphere.local@vc.example.com/DC1/Cluster1/esx-01?no_verify=1", env["V2V_libvirtURL"]);
        Assert.DoesNotContain(env.Values, v => v.Contains("s3cret!", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_pod_proxy_permission_progress_stays_by_phase()
    {
        _cluster.Server.Rbac.Deny("", "pods/proxy", "get");
        await _adapter.CreateConversionPodAsync(Spec);
        _cluster.Step(TimeSpan.Zero);
        _cluster.Time.Advance(_cluster.Pods.RunFor * 0.5);

        var running = await _adapter.GetPodAsync(Ns, Pod);

        Assert.Equal((PodPhase.Running, 0), (running!.Phase, running.ProgressPercent));
    }

    [Fact]
    public async Task The_conversion_pod_is_not_made_before_the_vms_vddk_secret_exists()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.CreateConversionPodAsync(Spec with { SecretName = "other-vm-vddk" }));

        Assert.Contains("VDDK Secret 'vm-imports/other-vm-vddk'", error.Message, StringComparison.Ordinal);
        Assert.Null(_cluster.Store.Get(ResourceTypes.Pod, Ns, Pod));
    }

    [Fact]
    public async Task The_image_keeps_a_finished_pod_running_until_shutdown_when_local_migration_is_true()
    {
        await _adapter.CreateConversionPodAsync(Spec with { LocalMigration = true });
        _cluster.Step(TimeSpan.Zero);
        _cluster.Advance(_cluster.Pods.RunFor * 10);

        var waiting = await _adapter.GetPodAsync(Ns, Pod);
        Assert.Equal(PodPhase.Running, waiting!.Phase);
        await using var vm = await _adapter.Client.CoreV1.ConnectGetNamespacedPodProxyWithPathAsync($"{Pod}:8080", Ns, "vm");
        Assert.Equal("", await new StreamReader(vm).ReadToEndAsync()); // in-place: no VM YAML, 204 upstream

        await _adapter.Client.CoreV1.ConnectPostNamespacedPodProxyWithPathAsync($"{Pod}:8080", Ns, "shutdown");
        Assert.Equal(PodPhase.Succeeded, (await _adapter.GetPodAsync(Ns, Pod))!.Phase);
    }

    [Fact]
    public async Task A_pod_that_leaves_local_migration_unset_never_exits_on_its_own()
    {
        var pod = ConversionPodManifest.Build(Spec, [VolumeMode.Filesystem, VolumeMode.Block], new KubeVirtOptions(), "administrator@vsphere.local");
        pod.Spec.Containers[0].Env = [.. pod.Spec.Containers[0].Env.Where(e => e.Name != "LOCAL_MIGRATION")];
        await _adapter.Client.CoreV1.CreateNamespacedPodAsync(pod, Ns);

        _cluster.Step(TimeSpan.Zero);
        _cluster.Advance(TimeSpan.FromHours(1));

        Assert.Equal(PodPhase.Running, (await _adapter.GetPodAsync(Ns, Pod))!.Phase);
    }

    [Theory]
    [InlineData("V2V_libvirtURL", "https://vc.example.com/sdk", "no connection driver available for https://vc.example.com/sdk")]
    [InlineData("V2V_libvirtURL", "vpx://administrator%40vsphere.local@vc.example.com/DC1?no_verify=1", "Path has to specify the datacenter and compute resource")]
    [InlineData("V2V_libvirtURL", "vpx://administrator%40vsphere.local@vc.example.com/DC1/Cluster1/esx-01", "Peer certificate cannot be authenticated")]
    [InlineData("V2V_libvirtURL", "vpx://root@vc.example.com/DC1/Cluster1/esx-01?no_verify=1", "incorrect user name or password")]
    [InlineData("V2V_vmName", "", "Domain not found")]
    public async Task The_image_fails_the_pod_with_its_own_error_on_a_bad_libvirt_source(string variable, string value, string error)
    {
        var pod = ConversionPodManifest.Build(Spec, [VolumeMode.Filesystem, VolumeMode.Block], new KubeVirtOptions(), "administrator@vsphere.local");
        pod.Spec.Containers[0].Env.Single(e => e.Name == variable).Value = value;
        await _adapter.Client.CoreV1.CreateNamespacedPodAsync(pod, Ns);

        _cluster.Step(TimeSpan.Zero);

        var failed = await _adapter.GetPodAsync(Ns, Pod);
        Assert.Equal(PodPhase.Failed, failed!.Phase);
        Assert.Contains("failed to get domain XML", failed.Message, StringComparison.Ordinal);
        Assert.Contains(error, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_image_cannot_log_in_without_the_secret_mounted_at_etc_secret()
    {
        var pod = ConversionPodManifest.Build(Spec, [VolumeMode.Filesystem, VolumeMode.Block], new KubeVirtOptions(), "administrator@vsphere.local");
        pod.Spec.Containers[0].VolumeMounts.Single(m => m.MountPath == "/etc/secret").MountPath = "/etc/vddk";
        await _adapter.Client.CoreV1.CreateNamespacedPodAsync(pod, Ns);

        _cluster.Step(TimeSpan.Zero);

        var failed = await _adapter.GetPodAsync(Ns, Pod);
        Assert.Equal(PodPhase.Failed, failed!.Phase);
        Assert.Contains("failed to read username from secret: open /etc/secret/accessKeyId: no such file or directory", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_conversion_without_the_servers_thumbprint_fails_as_vddk_does()
    {
        var pod = ConversionPodManifest.Build(Spec with { Source = Spec.Source! with { Fingerprint = "" } }, [VolumeMode.Filesystem, VolumeMode.Block], new KubeVirtOptions(), "administrator@vsphere.local");
        pod.Spec.Containers[0].Env = [.. pod.Spec.Containers[0].Env.Where(e => e.Name != "V2V_inPlace")];
        await _adapter.Client.CoreV1.CreateNamespacedPodAsync(pod, Ns);

        _cluster.Step(TimeSpan.Zero);

        var failed = await _adapter.GetPodAsync(Ns, Pod);
        Assert.Equal(PodPhase.Failed, failed!.Phase);
        Assert.Contains("Please verify whether the \"thumbprint\" parameter (not specified)", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_2_2_era_pod_with_a_libvirt_xml_configmap_is_ignored_by_the_current_image_and_never_exits()
    {
        // What the console made before: the domain XML in a ConfigMap, V2V_source=libvirtxml, no LOCAL_MIGRATION.
        var pod = new k8s.Models.V1Pod
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = Pod, Labels = Labels },
            Spec = new k8s.Models.V1PodSpec
            {
                RestartPolicy = "Never",
                Containers =
                [
                    new k8s.Models.V1Container
                    {
                        Name = "virt-v2v", Image = "quay.io/kubev2v/forklift-virt-v2v:latest",
                        Env = [new() { Name = "V2V_inPlace", Value = "1" }, new() { Name = "V2V_source", Value = "libvirtxml" }, new() { Name = "V2V_libvirtXml", Value = "/mnt/v2v/input.xml" }],
                        VolumeMounts = [new() { Name = "disk0", MountPath = "/mnt/disks/disk0" }],
                    },
                ],
                Volumes = [new() { Name = "disk0", PersistentVolumeClaim = new() { ClaimName = "disk-a" } }],
            },
        };
        await _adapter.Client.CoreV1.CreateNamespacedPodAsync(pod, Ns);

        _cluster.Step(TimeSpan.Zero);
        _cluster.Advance(TimeSpan.FromHours(2));

        Assert.Equal(PodPhase.Running, (await _adapter.GetPodAsync(Ns, Pod))!.Phase);
    }

    [Fact]
    public async Task Scc_admission_refuses_the_pod_when_the_console_may_not_use_the_conversion_scc()
    {
        _cluster.Server.Rbac.DenyNamed("security.openshift.io", "securitycontextconstraints", "forklift-controller-scc", "use");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.CreateConversionPodAsync(Spec));

        Assert.Contains("unable to validate against any security context constraint", error.Message, StringComparison.Ordinal);
        Assert.Contains("runAsUser: Invalid value: 107: must be in the ranges: [1000", error.Message, StringComparison.Ordinal);
        Assert.Contains("resourceNames [forklift-controller-scc], verbs [use]", error.Message, StringComparison.Ordinal);
        Assert.Null(_cluster.Store.Get(ResourceTypes.Pod, Ns, Pod));
    }
}
