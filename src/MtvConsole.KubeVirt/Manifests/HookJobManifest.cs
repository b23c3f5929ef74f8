using k8s.Models;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// A hook as a Kubernetes Job plus the ConfigMap it mounts at <c>/tmp/hook</c>: <c>playbook.yml</c> (the
/// hook's playbook, base64 in the Hook CR and decoded here), <c>workload.yml</c> and <c>plan.yml</c>. The
/// Job retries <see cref="HookJobSpec.Retries"/> times (backoffLimit) within its deadline.
/// kubev2v/forklift d42511bb2 pkg/controller/plan/hook.go template(): with a playbook the container runs
/// <see cref="AnsibleRunnerCommand"/>; without one it has no command and the image runs its own entrypoint.
/// The hook-runner image is FROM ansible/ansible-runner (konveyor/hook-runner 793bb63 Dockerfile), whose default
/// <c>ENTRYPOINT ["entrypoint"] CMD ["ansible-runner","run","/runner"]</c> (ansible/ansible-runner 0045675b9
/// Dockerfile) gives no playbook, so the command is what makes the playbook run at all.
/// A hook with <see cref="HookJobSpec.SshKeySecret"/> also mounts that Secret read-only at
/// <see cref="HookSshKey.MountPath"/> (the console's addition; upstream mounts only the ConfigMap).
/// </summary>
public static class HookJobManifest
{
    public const string MountPath = "/tmp/hook";

    /// <summary>hook.go template(): <c>/bin/entrypoint ansible-runner run /tmp/runner -p /tmp/hook/playbook.yml</c>.</summary>
    public static readonly IReadOnlyList<string> AnsibleRunnerCommand =
        ["/bin/entrypoint", "ansible-runner", "run", "/tmp/runner", "-p", MountPath + "/playbook.yml"];

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
                            Command = Playbook(spec.Playbook).Length > 0 ? [.. AnsibleRunnerCommand] : null,
                            VolumeMounts = HasSshKey(spec)
                                ? [new V1VolumeMount { Name = "hook", MountPath = MountPath }, new V1VolumeMount { Name = "ssh-key", MountPath = HookSshKey.MountPath, ReadOnlyProperty = true }]
                                : [new V1VolumeMount { Name = "hook", MountPath = MountPath }],
                        },
                    ],
                    Volumes = HasSshKey(spec)
                        ? [new V1Volume { Name = "hook", ConfigMap = new V1ConfigMapVolumeSource { Name = spec.Name } },
                           new V1Volume { Name = "ssh-key", Secret = new V1SecretVolumeSource { SecretName = spec.SshKeySecret, DefaultMode = 256 /* 0400 */ } }]
                        : [new V1Volume { Name = "hook", ConfigMap = new V1ConfigMapVolumeSource { Name = spec.Name } }],
                },
            },
        },
    };

    private static bool HasSshKey(HookJobSpec spec) => !string.IsNullOrWhiteSpace(spec.SshKeySecret);

    /// <summary>The playbook text: Hook CRs carry it base64-encoded; plain YAML is taken as is.</summary>
    public static string Playbook(string? playbook) => HookPlaybookText.Decode(playbook);
}
