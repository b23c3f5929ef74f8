using k8s;
using k8s.Autorest;
using k8s.Models;
using MtvConsole.Core.Ports;
using MtvConsole.FakeKube;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// The fake API server's OpenShift admission against a least-privilege token: SCC admission of pods by the
/// namespace's uid range, and OwnerReferencesPermissionEnforcement for blockOwnerDeletion. The default token may do
/// everything, so these deny only what each test is about.
/// </summary>
public sealed class AdmissionTests : IAsyncLifetime
{
    private const string Ns = "vm-imports";
    private static readonly Dictionary<string, string> Labels = new() { ["plan"] = "p-1", ["migration"] = "m-1", ["vmID"] = "vm-42" };
    private FakeCluster _cluster = null!;
    private KubeVirtTargetCluster _adapter = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        _adapter = FakeClusterFixture.Adapter(_cluster);
        await _adapter.EnsureNamespaceAsync(Ns);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static V1Pod PodRunningAs(long? user, long? fsGroup) => new()
    {
        Metadata = new V1ObjectMeta { Name = "probe" },
        Spec = new V1PodSpec
        {
            SecurityContext = new V1PodSecurityContext { RunAsUser = user, FsGroup = fsGroup },
            Containers = [new V1Container { Name = "c", Image = "registry/img:1" }],
        },
    };

    private static string Message(HttpOperationException e) => System.Text.Json.Nodes.JsonNode.Parse(e.Response.Content)!["message"]!.GetValue<string>();

    [Fact]
    public async Task A_new_namespace_gets_its_own_uid_range_as_openshift_gives_one()
    {
        var annotations = (await _adapter.Client.CoreV1.ReadNamespaceAsync(Ns)).Metadata.Annotations;

        Assert.Matches("^10006[0-9]{5}/10000$", annotations[Admission.UidRangeAnnotation]);
    }

    [Fact]
    public async Task A_pod_inside_the_namespace_range_needs_no_scc_but_user_107_does()
    {
        _cluster.Server.Rbac.Deny("security.openshift.io", "securitycontextconstraints", "use");
        var range = (await _adapter.Client.CoreV1.ReadNamespaceAsync(Ns)).Metadata.Annotations[Admission.UidRangeAnnotation];
        var first = long.Parse(range.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);

        await _adapter.Client.CoreV1.CreateNamespacedPodAsync(PodRunningAs(first, first), Ns);
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() =>
            _adapter.Client.CoreV1.CreateNamespacedPodAsync(PodRunningAs(107, 107) with { Metadata = new V1ObjectMeta { Name = "qemu" } }, Ns));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.Response.StatusCode);
        Assert.Contains("fsGroup: Invalid value: []int64{107}: 107 is not an allowed group", Message(refused), StringComparison.Ordinal);
        Assert.Contains("provider \"forklift-controller-scc\": Forbidden: not usable by user or serviceaccount", Message(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Use_of_the_scc_admits_the_conversion_pods_user_and_seccomp_profile()
    {
        var pod = PodRunningAs(107, 107);
        pod.Spec.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "Localhost", LocalhostProfile = "profiles/unshare.json" };

        await _adapter.Client.CoreV1.CreateNamespacedPodAsync(pod, Ns);

        Assert.NotNull(_cluster.Store.Get(ResourceTypes.Pod, Ns, "probe"));
    }

    [Fact]
    public async Task Owning_data_volumes_with_block_owner_deletion_needs_update_on_the_vms_finalizers()
    {
        _cluster.Server.Rbac.Deny("kubevirt.io", "virtualmachines/finalizers", "update");
        await _adapter.CreateDataVolumeAsync(new DataVolumeSpec
        {
            Namespace = Ns, Name = "disk-a", Labels = Labels, SourceUrl = "https://vc/sdk", VmId = "vm-42", VmUuid = "u", DiskKey = 1,
            BackingFile = "[ds] a.vmdk", StorageClass = FakeClusterFixture.ImmediateClass, SizeBytes = 1 << 30, SecretName = "p-vm-42-vddk",
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.CreateVirtualMachineAsync(new TargetVmSpec
        {
            Namespace = Ns, Name = "web-01", DataVolumes = ["disk-a"], Labels = Labels, Nics = [new TargetVmNic("net-0", "pod", null, "02:00:00:00:00:01")],
        }));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, ((HttpOperationException)refused.InnerException!).Response.StatusCode);
        Assert.Contains("cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on", refused.Message, StringComparison.Ordinal);
        Assert.Contains("{apiGroups: [\"kubevirt.io\"], resources: [\"virtualmachines/finalizers\"], verbs: [\"update\"]}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owning_the_vddk_secret_with_block_owner_deletion_needs_update_on_the_data_volumes_finalizers()
    {
        _cluster.Server.Rbac.Deny("cdi.kubevirt.io", "datavolumes/finalizers", "update");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _adapter.CreateDataVolumeAsync(new DataVolumeSpec
        {
            Namespace = Ns, Name = "disk-a", Labels = Labels, SourceUrl = "https://vc/sdk", VmId = "vm-42", VmUuid = "u", DiskKey = 1,
            BackingFile = "[ds] a.vmdk", StorageClass = FakeClusterFixture.ImmediateClass, SizeBytes = 1 << 30, SecretName = "p-vm-42-vddk",
        }));

        Assert.Contains("User \"system:serviceaccount:mtv:console\" cannot update resource \"datavolumes/finalizers\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("{apiGroups: [\"cdi.kubevirt.io\"], resources: [\"datavolumes/finalizers\"], verbs: [\"update\"]}", refused.Message, StringComparison.Ordinal);
    }
}
