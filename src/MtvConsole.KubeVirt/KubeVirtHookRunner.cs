using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MtvConsole.Core.Ports;
using MtvConsole.KubeVirt.Manifests;

namespace MtvConsole.KubeVirt;

/// <summary>
/// Hooks as Kubernetes Jobs with a ConfigMap (playbook.yml, workload.yml, plan.yml). The Job's
/// backoffLimit is the retry count and activeDeadlineSeconds the deadline; its status gives the phase and
/// the failed attempts, and the last attempt's pod its output (termination message). Creating a Job or
/// ConfigMap that exists adopts it, so a resumed engine carries on with the same job.
/// </summary>
public sealed class KubeVirtHookRunner(IKubernetes client) : IHookRunner
{
    public async Task StartAsync(HookJobSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var labels = new Dictionary<string, string>(spec.Labels) { [ObjectLabels.VmId] = spec.VmId };
        await AdoptOnConflictAsync(() => client.CoreV1.CreateNamespacedConfigMapAsync(
            HookJobManifest.ConfigMap(spec, labels, spec.WorkloadYaml, spec.PlanYaml), spec.Namespace, cancellationToken: cancellationToken));
        await AdoptOnConflictAsync(() => client.BatchV1.CreateNamespacedJobAsync(HookJobManifest.Job(spec, labels), spec.Namespace, cancellationToken: cancellationToken));
    }

    public async Task<HookJobStatus?> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        var job = await KubeErrors.OrNullAsync(() => client.BatchV1.ReadNamespacedJobAsync(name, @namespace, cancellationToken: cancellationToken));
        if (job is null) return null;
        var failures = job.Status?.Failed ?? 0;
        var conditions = job.Status?.Conditions ?? [];
        var failed = conditions.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");
        var output = await LastOutputAsync(@namespace, name, cancellationToken);
        if ((job.Status?.Succeeded ?? 0) > 0 || conditions.Any(c => c.Type == "Complete" && c.Status == "True"))
            return new HookJobStatus(HookJobPhase.Succeeded, failures, output);
        if (failed is not null)
        {
            var why = failed.Reason == "DeadlineExceeded"
                ? $"Job '{name}' was active longer than its deadline of {job.Spec.ActiveDeadlineSeconds} s (DeadlineExceeded)."
                : output.Length > 0 ? output : $"{failed.Reason}: {failed.Message}";
            return new HookJobStatus(HookJobPhase.Failed, failures, why);
        }

        return new HookJobStatus(HookJobPhase.Running, failures, output.Length > 0 ? output : "The hook job is running.");
    }

    /// <summary>Deletes the Job with its pods (foreground) and the ConfigMap.</summary>
    public async Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        await KubeErrors.IgnoreNotFoundAsync(() => client.BatchV1.DeleteNamespacedJobAsync(name, @namespace,
            new V1DeleteOptions { PropagationPolicy = "Background" }, cancellationToken: cancellationToken));
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: $"job-name={name}", cancellationToken: cancellationToken);
        foreach (var pod in pods.Items)
            await KubeErrors.IgnoreNotFoundAsync(() => client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, @namespace, cancellationToken: cancellationToken));
        await KubeErrors.IgnoreNotFoundAsync(() => client.CoreV1.DeleteNamespacedConfigMapAsync(name, @namespace, cancellationToken: cancellationToken));
    }

    private async Task<string> LastOutputAsync(string @namespace, string job, CancellationToken ct)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: $"job-name={job}", cancellationToken: ct);
        var last = pods.Items.OrderBy(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).LastOrDefault(p => p.Status?.Phase is "Succeeded" or "Failed");
        return last?.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Terminated?.Message ?? "";
    }

    private static async Task AdoptOnConflictAsync<T>(Func<Task<T>> create)
    {
        try
        {
            await create();
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict))
        {
        }
    }
}
