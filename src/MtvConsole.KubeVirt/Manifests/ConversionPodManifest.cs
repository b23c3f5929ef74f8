using k8s.Models;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// The virt-v2v guest conversion Pod (reference §4.2): the virt-v2v image, the VM's PVCs mounted at
/// <c>/mnt/disks/diskN</c> (filesystem) or attached as <c>/dev/blockN</c> (block), the libvirt domain XML
/// from its ConfigMap at <c>/mnt/v2v/input.xml</c>, fsGroup 107, one <c>devices.kubevirt.io/kvm</c>,
/// scheduled on a KubeVirt node, never restarted, and its progress metrics on port 2112 (reference §4.3).
/// The disks were already copied by CDI, so the pod converts in place and needs no VDDK or source secret.
/// </summary>
public static class ConversionPodManifest
{
    public const string Container = "virt-v2v";
    public const string InputDirectory = "/mnt/v2v";
    public const string InputFile = "input.xml";
    public const int MetricsPort = 2112;

    /// <summary>The ConfigMap holding the pod's libvirt domain XML.</summary>
    public static string InputConfigMapName(string podName) => $"{podName}-input";

    public static V1ConfigMap InputConfigMap(ConversionPodSpec spec, IReadOnlyList<VolumeMode> volumeModes) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = InputConfigMapName(spec.Name), NamespaceProperty = spec.Namespace, Labels = new Dictionary<string, string>(spec.Labels) },
        Data = new Dictionary<string, string> { [InputFile] = LibvirtDomainXml.Build(spec, volumeModes) },
    };

    public static V1Pod Build(ConversionPodSpec spec, IReadOnlyList<VolumeMode> volumeModes, string image)
    {
        var volumes = new List<V1Volume>();
        var mounts = new List<V1VolumeMount>();
        var devices = new List<V1VolumeDevice>();
        for (var i = 0; i < spec.DataVolumes.Count; i++)
        {
            var volume = $"disk{i}";
            volumes.Add(new V1Volume { Name = volume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = spec.DataVolumes[i] } });
            if (i < volumeModes.Count && volumeModes[i] == VolumeMode.Block)
                devices.Add(new V1VolumeDevice { Name = volume, DevicePath = LibvirtDomainXml.BlockDevice(i) });
            else
                mounts.Add(new V1VolumeMount { Name = volume, MountPath = $"/mnt/disks/disk{i}" });
        }

        volumes.Add(new V1Volume { Name = "libvirt-domain-xml", ConfigMap = new V1ConfigMapVolumeSource { Name = InputConfigMapName(spec.Name) } });
        mounts.Add(new V1VolumeMount { Name = "libvirt-domain-xml", MountPath = InputDirectory, ReadOnlyProperty = true });

        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = spec.Name, NamespaceProperty = spec.Namespace, Labels = new Dictionary<string, string>(spec.Labels) },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                NodeSelector = new Dictionary<string, string> { ["kubevirt.io/schedulable"] = "true" },
                SecurityContext = new V1PodSecurityContext { FsGroup = 107 },
                Containers =
                [
                    new V1Container
                    {
                        Name = Container,
                        Image = image,
                        Env =
                        [
                            new V1EnvVar { Name = "V2V_vmName", Value = spec.VmName },
                            new V1EnvVar { Name = "V2V_vmId", Value = spec.VmId },
                            new V1EnvVar { Name = "V2V_guestId", Value = spec.GuestId },
                            new V1EnvVar { Name = "V2V_inPlace", Value = "1" },
                            new V1EnvVar { Name = "V2V_source", Value = "libvirtxml" },
                            new V1EnvVar { Name = "V2V_libvirtXml", Value = $"{InputDirectory}/{InputFile}" },
                        ],
                        Ports = [new V1ContainerPort { Name = "metrics", ContainerPort = MetricsPort, Protocol = "TCP" }],
                        Resources = new V1ResourceRequirements
                        {
                            Limits = new Dictionary<string, ResourceQuantity> { ["devices.kubevirt.io/kvm"] = new("1") },
                        },
                        VolumeMounts = mounts,
                        VolumeDevices = devices.Count > 0 ? devices : null,
                    },
                ],
                Volumes = volumes,
            },
        };
    }
}
