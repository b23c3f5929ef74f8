using k8s;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.FakeKube;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>Forklift's VDDK validation Job through the KubeVirt adapter against FakeKube's Job controller and image registry.</summary>
public sealed class VddkValidationJobTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;
    private KubeVirtVddkImageValidator _validator = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        _validator = new KubeVirtVddkImageValidator(_cluster.Client(), new KubeVirtOptions { VirtV2vImage = "registry.example.com/virt-v2v:2.8" });
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static VddkValidationJob Job(string image) =>
        new("default", "vddk-validator-0123456789abcdef", image, "prod-vc", new Dictionary<string, string> { ["vddk"] = "d41d8cd98f00b204e9800998ecf8427e" });

    private async Task<VddkValidationResult> RunAsync(string image, TimeSpan duration)
    {
        var result = await _validator.ValidateAsync(Job(image));
        for (var waited = TimeSpan.Zero; waited < duration && result.Phase == VddkImageCheckPhase.Running; waited += TimeSpan.FromSeconds(10))
        {
            _cluster.Advance(TimeSpan.FromSeconds(10));
            result = await _validator.ValidateAsync(Job(image));
        }

        return result;
    }

    [Fact]
    public async Task The_job_has_upstreams_shape_and_an_image_with_the_library_succeeds()
    {
        var result = await RunAsync(FakeClusterFixture.VddkImage, TimeSpan.FromMinutes(2));

        Assert.Equal(VddkImageCheckPhase.Succeeded, result.Phase);
        var job = await _cluster.Client().BatchV1.ReadNamespacedJobAsync("vddk-validator-0123456789abcdef", "default");
        var pod = job.Spec.Template.Spec;
        Assert.Equal(("vddk-side-car", FakeClusterFixture.VddkImage, "/opt"), (pod.InitContainers[0].Name, pod.InitContainers[0].Image, pod.InitContainers[0].VolumeMounts[0].MountPath));
        Assert.Equal(["file", "-E", "/opt/vmware-vix-disklib-distrib/lib64/libvixDiskLib.so"], pod.Containers[0].Command);
        Assert.Equal("registry.example.com/virt-v2v:2.8", pod.Containers[0].Image);
        Assert.Equal((2, "Never"), (job.Spec.BackoffLimit, pod.RestartPolicy));
        Assert.Equal(FakeClusterFixture.VddkImage, job.Metadata.Annotations["vddk"]);
    }

    [Fact]
    public async Task An_image_the_nodes_cannot_pull_keeps_the_job_running_with_the_kubelets_reason_for_as_long_as_it_takes()
    {
        const string image = "quay.io/kubev2v/vddk:8.0.3";

        var result = await RunAsync(image, TimeSpan.FromHours(1));

        Assert.Equal(VddkImageCheckPhase.Running, result.Phase);
        Assert.Equal(("ImagePullBackOff", $"Back-off pulling image \"{image}\""), (result.Reason, result.Message));
        Assert.NotNull(result.StartedAt);
    }

    [Fact]
    public async Task A_pullable_image_without_the_vddk_library_fails_the_job_with_files_message()
    {
        const string image = "registry.example.com/not-vddk:1";
        _cluster.Images.Add(image);

        var result = await RunAsync(image, TimeSpan.FromMinutes(5));

        Assert.Equal(VddkImageCheckPhase.Failed, result.Phase);
        Assert.Equal("BackoffLimitExceeded", result.Reason);
        Assert.Contains("libvixDiskLib.so' (No such file or directory)", result.Message);
    }
}
