using k8s.Models;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// The virt-v2v guest conversion Pod, built for the entrypoint of the current <c>forklift-virt-v2v</c> image
/// as upstream's controller builds it (kubev2v/forklift d42511bb2 pkg/controller/conversion/builder.go:53-235,
/// GetVirtV2vPodSpec / BuildVirtV2vConversionPod / BuildV2vPodEnvironment, and
/// pkg/controller/plan/adapter/vsphere/builder.go:202-306, PodEnvironment): the VM's PVCs at
/// <c>/mnt/disks/diskN</c> (filesystem) or <c>/dev/blockN</c> (block); the VM's VDDK Secret mounted at
/// <c>/etc/secret</c> and also as <c>V2V_</c>-prefixed environment; <c>V2V_inPlace=1</c> over the copied disks with the
/// domain definition read from vSphere through <c>V2V_libvirtURL</c> (cmd/virt-v2v/entrypoint.go:44-72); runAsUser and
/// fsGroup 107, runAsNonRoot, seccomp; one <c>devices.kubevirt.io/kvm</c> on a KubeVirt node; never restarted; progress
/// metrics on port 2112.
/// </summary>
public static class ConversionPodManifest
{
    public const string Container = "virt-v2v";
    public const int MetricsPort = 2112;

    /// <summary>Where the entrypoint reads the libvirt login (pkg/virt-v2v/config/variables.go:69-70 @ d42511bb2).</summary>
    public const string SecretMountPath = "/etc/secret";

    /// <summary>The qemu user and group of the image (builder.go:17-20).</summary>
    public const long QemuUser = 107;

    /// <summary>The seccomp profile upstream asks for on OpenShift (builder.go:139-147), allowed by its SCC.</summary>
    public const string UnshareProfile = "profiles/unshare.json";

    public static string FilesystemMount(int index) => $"/mnt/disks/disk{index}";

    public static string BlockDevice(int index) => $"/dev/block{index}";

    /// <param name="user">The libvirt user: the <c>accessKeyId</c> of the VM's VDDK Secret, which holds its password.</param>
    public static V1Pod Build(ConversionPodSpec spec, IReadOnlyList<VolumeMode> volumeModes, KubeVirtOptions options, string user)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        if (spec.SecretName.Length == 0 || spec.Source is null)
            throw new InvalidOperationException($"Conversion pod '{spec.Namespace}/{spec.Name}' needs the VM's VDDK Secret and its libvirt source; build its spec with TargetSpecs.ConversionPod.");
        var volumes = new List<V1Volume>();
        var mounts = new List<V1VolumeMount>();
        var devices = new List<V1VolumeDevice>();
        for (var i = 0; i < spec.DataVolumes.Count; i++)
        {
            var volume = $"disk{i}";
            volumes.Add(new V1Volume { Name = volume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = spec.DataVolumes[i] } });
            if (i < volumeModes.Count && volumeModes[i] == VolumeMode.Block)
                devices.Add(new V1VolumeDevice { Name = volume, DevicePath = BlockDevice(i) });
            else
                mounts.Add(new V1VolumeMount { Name = volume, MountPath = FilesystemMount(i) });
        }

        // builder.go:64-75: the VDDK Secret as files; GetDomainXML reads accessKeyId and secretKey from there.
        volumes.Add(new V1Volume { Name = "secret-volume", Secret = new V1SecretVolumeSource { SecretName = spec.SecretName } });
        mounts.Add(new V1VolumeMount { Name = "secret-volume", MountPath = SecretMountPath, ReadOnlyProperty = true });

        var seccomp = options.OpenShift
            ? new V1SeccompProfile { Type = "Localhost", LocalhostProfile = UnshareProfile }
            : new V1SeccompProfile { Type = "RuntimeDefault" };
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = spec.Name,
                NamespaceProperty = spec.Namespace,
                Labels = new Dictionary<string, string>(spec.Labels) { ["app"] = "virt-v2v" },
            },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                NodeSelector = new Dictionary<string, string> { ["kubevirt.io/schedulable"] = "true" },
                // builder.go:171-176: the qemu user, non-root, and the image's seccomp profile; admitted by the SCC
                // the console's account may use (KubeVirtOptions.ConversionScc).
                SecurityContext = new V1PodSecurityContext { FsGroup = QemuUser, RunAsUser = QemuUser, RunAsNonRoot = true, SeccompProfile = seccomp },
                Containers =
                [
                    new V1Container
                    {
                        Name = Container,
                        Image = options.VirtV2vImage,
                        ImagePullPolicy = "Always",
                        Env = Environment(spec, user),
                        // builder.go:197-204: the Secret's keys also as V2V_accessKeyId / V2V_secretKey.
                        EnvFrom = [new V1EnvFromSource { Prefix = "V2V_", SecretRef = new V1SecretEnvSource { Name = spec.SecretName } }],
                        Ports = [new V1ContainerPort { Name = "metrics", ContainerPort = MetricsPort, Protocol = "TCP" }],
                        Resources = new V1ResourceRequirements
                        {
                            Limits = new Dictionary<string, ResourceQuantity> { ["devices.kubevirt.io/kvm"] = new("1") },
                        },
                        SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, Capabilities = new V1Capabilities { Drop = ["ALL"] } },
                        // A failed conversion's last log lines become the termination message the engine shows.
                        TerminationMessagePolicy = "FallbackToLogsOnError",
                        VolumeMounts = mounts,
                        VolumeDevices = devices.Count > 0 ? devices : null,
                    },
                ],
                Volumes = volumes,
            },
        };
    }

    /// <summary>
    /// builder.go (conversion) :106-108 V2V_inPlace, adapter/vsphere/builder.go:271-297 V2V_vmName, V2V_libvirtURL,
    /// V2V_source, V2V_fingerprint, and conversion/builder.go:491-494 LOCAL_MIGRATION.
    /// </summary>
    private static List<V1EnvVar> Environment(ConversionPodSpec spec, string user) =>
    [
        new() { Name = "V2V_inPlace", Value = "1" },
        new() { Name = "V2V_vmName", Value = spec.VmName },
        new() { Name = "V2V_libvirtURL", Value = spec.Source!.Url(user) },
        new() { Name = "V2V_source", Value = "vSphere" },
        new() { Name = "V2V_fingerprint", Value = spec.Source.Fingerprint },
        // The image's server on :8080 (LOCAL_MIGRATION defaults to true, pkg/virt-v2v/config/variables.go:147) waits
        // for POST /shutdown (entrypoint.go:103-115, pkg/virt-v2v/server/server.go:38-51,127). Upstream sends false for a remote destination cluster, whose
        // controller cannot reach the pod; the console is in that position (it sees pods only through the API
        // server) and reads nothing from :8080, so the pod exits when the conversion is done.
        new() { Name = "LOCAL_MIGRATION", Value = spec.LocalMigration ? "true" : "false" },
    ];
}
