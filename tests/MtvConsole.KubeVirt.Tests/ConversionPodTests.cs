using System.Text.Json.Nodes;
using k8s;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.FakeKube;
using MtvConsole.KubeVirt.Manifests;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>The conversion pod with its libvirt XML ConfigMap on the fake cluster, and its progress from the metrics endpoint.</summary>
public sealed class ConversionPodTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Labels = new() { ["plan"] = "p-1", ["migration"] = "m-1", ["vmID"] = "vm-42" };
    private FakeCluster _cluster = null!;
    private KubeVirtTargetCluster _adapter = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        _cluster.AddNamespace("vm-imports");
        _adapter = FakeClusterFixture.Adapter(_cluster);
        foreach (var (name, mode) in new[] { ("disk-a", VolumeMode.Filesystem), ("disk-b", VolumeMode.Block) })
        {
            await _adapter.CreateDataVolumeAsync(new DataVolumeSpec
            {
                Namespace = "vm-imports", Name = name, Labels = Labels, SourceUrl = "https://vc/sdk", VmId = "vm-42", VmUuid = "u", DiskKey = 1,
                BackingFile = "[ds] a.vmdk", StorageClass = FakeClusterFixture.ImmediateClass, VolumeMode = mode, SizeBytes = 1 << 30, SecretName = "p-vm-42-vddk", VddkInitImage = FakeClusterFixture.VddkImage,
            });
        }
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static ConversionPodSpec Spec => new()
    {
        Namespace = "vm-imports", Name = "p-vm-42-v2v", VmId = "vm-42", GuestId = "rhel9_64Guest", TotalDiskBytes = 2L << 30,
        DataVolumes = ["disk-a", "disk-b"], Labels = Labels, VmName = "web-01", CpuCount = 2, MemoryMB = 4096,
    };

    [Fact]
    public async Task Progress_is_read_from_the_metrics_while_running_and_the_input_goes_with_the_pod()
    {
        await _adapter.CreateConversionPodAsync(Spec);
        var input = _cluster.Store.Get(ResourceTypes.ConfigMap, "vm-imports", "p-vm-42-v2v-input");
        Assert.NotNull(input);
        Assert.Contains("<source dev=\"/dev/block1\" />", input!["data"]!["input.xml"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("vm-42", input["metadata"]!["labels"]!["vmID"]!.GetValue<string>());

        _cluster.Step(TimeSpan.Zero); // scheduled: Running
        var running = await _adapter.GetPodAsync("vm-imports", "p-vm-42-v2v");
        Assert.Equal((PodPhase.Running, 0), (running!.Phase, running.ProgressPercent));

        _cluster.Time.Advance(_cluster.Pods.RunFor * 0.75); // first disk converted, second half-way
        var halfway = await _adapter.GetPodAsync("vm-imports", "p-vm-42-v2v");
        Assert.Equal(75, halfway!.ProgressPercent, precision: 1);

        _cluster.Time.Advance(_cluster.Pods.RunFor * 0.25);
        _cluster.Step(TimeSpan.Zero);
        var done = await _adapter.GetPodAsync("vm-imports", "p-vm-42-v2v");
        Assert.Equal((PodPhase.Succeeded, 100), (done!.Phase, done.ProgressPercent));

        await _adapter.DeletePodAsync("vm-imports", "p-vm-42-v2v");
        Assert.Null(_cluster.Store.Get(ResourceTypes.Pod, "vm-imports", "p-vm-42-v2v"));
        Assert.Null(_cluster.Store.Get(ResourceTypes.ConfigMap, "vm-imports", "p-vm-42-v2v-input"));
    }

    [Fact]
    public async Task Without_the_pod_proxy_permission_progress_stays_by_phase()
    {
        _cluster.Server.Rbac.Deny("", "pods/proxy", "get");
        await _adapter.CreateConversionPodAsync(Spec);
        _cluster.Step(TimeSpan.Zero);
        _cluster.Time.Advance(_cluster.Pods.RunFor * 0.5);

        var running = await _adapter.GetPodAsync("vm-imports", "p-vm-42-v2v");

        Assert.Equal((PodPhase.Running, 0), (running!.Phase, running.ProgressPercent));
    }

    [Fact]
    public async Task The_fake_keeps_the_pod_pending_without_its_configmap_and_fails_it_on_a_disk_it_cannot_see()
    {
        var pod = ConversionPodManifest.Build(Spec, [VolumeMode.Filesystem, VolumeMode.Block], "registry/virt-v2v:2");
        await _adapter.Client.CoreV1.CreateNamespacedPodAsync(pod, "vm-imports");
        _cluster.Step(TimeSpan.Zero);
        var pending = await _adapter.GetPodAsync("vm-imports", "p-vm-42-v2v");
        Assert.Equal(PodPhase.Pending, pending!.Phase);
        Assert.Contains("configmap \"p-vm-42-v2v-input\" not found", pending.Message, StringComparison.Ordinal);

        _cluster.Store.Create(ResourceTypes.ConfigMap, "vm-imports", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "p-vm-42-v2v-input" },
            ["data"] = new JsonObject { ["input.xml"] = "<domain type=\"kvm\"><name>web-01</name><devices><disk type=\"file\" device=\"disk\"><source file=\"/mnt/disks/disk7/disk.img\"/></disk></devices></domain>" },
        });
        _cluster.Step(TimeSpan.Zero);

        var failed = await _adapter.GetPodAsync("vm-imports", "p-vm-42-v2v");
        Assert.Equal(PodPhase.Failed, failed!.Phase);
        Assert.Contains("/mnt/disks/disk7/disk.img: No such file or directory", failed.Message, StringComparison.Ordinal);
    }
}
