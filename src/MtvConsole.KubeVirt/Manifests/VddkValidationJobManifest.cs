using k8s.Models;
using MtvConsole.Core.Ports;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// Forklift's VDDK validation Job (kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go:2059-2160, createVddkCheckJob):
/// init container <c>vddk-side-car</c> running the VDDK image, which copies its library into the <c>/opt</c> emptyDir; then
/// container <c>validator</c> (the virt-v2v image) running <c>file -E /opt/vmware-vix-disklib-distrib/lib64/libvixDiskLib.so</c>,
/// which fails when the library is not there. backoffLimit 2, completions 1, restartPolicy Never, RuntimeDefault seccomp,
/// no privilege escalation, all capabilities dropped; annotations <c>provider</c> and <c>vddk</c> (the image).
/// </summary>
public static class VddkValidationJobManifest
{
    public const string SideCar = "vddk-side-car";
    public const string Validator = "validator";
    public const string Library = "/opt/vmware-vix-disklib-distrib/lib64/libvixDiskLib.so";
    private const string Volume = "vddk-vol-mount";

    public static V1Job Build(VddkValidationJob job, string validatorImage)
    {
        ArgumentNullException.ThrowIfNull(job);
        var mount = new V1VolumeMount { Name = Volume, MountPath = "/opt" };
        var resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("150Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1000m"), ["memory"] = new("500Mi") },
        };
        V1SecurityContext Restricted() => new() { AllowPrivilegeEscalation = false, Capabilities = new V1Capabilities { Drop = ["ALL"] } };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = job.Name,
                NamespaceProperty = job.Namespace,
                Labels = new Dictionary<string, string>(job.Labels),
                Annotations = new Dictionary<string, string> { ["provider"] = job.ProviderName, ["vddk"] = job.Image },
            },
            Spec = new V1JobSpec
            {
                BackoffLimit = 2,
                Completions = 1,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(job.Labels) },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        SecurityContext = new V1PodSecurityContext { SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
                        InitContainers =
                        [
                            new V1Container
                            {
                                Name = SideCar, Image = job.Image, ImagePullPolicy = "IfNotPresent", VolumeMounts = [mount],
                                SecurityContext = Restricted(), Resources = resources,
                            },
                        ],
                        Containers =
                        [
                            new V1Container
                            {
                                Name = Validator, Image = validatorImage, VolumeMounts = [mount], SecurityContext = Restricted(), Resources = resources,
                                Command = ["file", "-E", Library],
                            },
                        ],
                        Volumes = [new V1Volume { Name = Volume, EmptyDir = new V1EmptyDirVolumeSource() }],
                    },
                },
            },
        };
    }
}
