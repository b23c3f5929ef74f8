using System.Text;
using k8s.Models;
using MtvConsole.Core.Ports;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// A hook as a Kubernetes Job plus the ConfigMap it mounts at <c>/tmp/hook</c>: <c>playbook.yml</c> (the
/// hook's playbook, base64 in the Hook CR and decoded here), <c>workload.yml</c> and <c>plan.yml</c>. The
/// Job retries <see cref="HookJobSpec.Retries"/> times (backoffLimit) within its deadline.
/// </summary>
public static class HookJobManifest
{
    public const string MountPath = "/tmp/hook";

    public static V1ConfigMap ConfigMap(HookJobSpec spec, IReadOnlyDictionary<string, string> labels, string workloadYaml, string planYaml) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = spec.Name, NamespaceProperty = spec.Namespace, Labels = new Dictionary<string, string>(labels) },
        Data = new Dictionary<string, string>
        {
            ["playbook.yml"] = Playbook(spec.Playbook),
            ["workload.yml"] = workloadYaml,
            ["plan.yml"] = planYaml,
        },
    };

    public static V1Job Job(HookJobSpec spec, IReadOnlyDictionary<string, string> labels) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta { Name = spec.Name, NamespaceProperty = spec.Namespace, Labels = new Dictionary<string, string>(labels) },
        Spec = new V1JobSpec
        {
            BackoffLimit = spec.Retries,
            ActiveDeadlineSeconds = spec.DeadlineSeconds,
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    ServiceAccountName = string.IsNullOrEmpty(spec.ServiceAccount) ? null : spec.ServiceAccount,
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "hook",
                            Image = spec.Image,
                            VolumeMounts = [new V1VolumeMount { Name = "hook", MountPath = MountPath }],
                        },
                    ],
                    Volumes = [new V1Volume { Name = "hook", ConfigMap = new V1ConfigMapVolumeSource { Name = spec.Name } }],
                },
            },
        },
    };

    /// <summary>The playbook text: Hook CRs carry it base64-encoded; plain YAML is taken as is.</summary>
    public static string Playbook(string? playbook)
    {
        if (string.IsNullOrWhiteSpace(playbook)) return "";
        var buffer = new byte[playbook.Length];
        return Convert.TryFromBase64String(playbook.Trim(), buffer, out var n) ? Encoding.UTF8.GetString(buffer, 0, n) : playbook;
    }
}
