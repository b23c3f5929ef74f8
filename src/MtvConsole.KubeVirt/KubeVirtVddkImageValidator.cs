using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.KubeVirt.Manifests;

namespace MtvConsole.KubeVirt;

/// <summary>
/// Runs Forklift's VDDK validation Job (<see cref="VddkValidationJobManifest"/>) and reads it as upstream does
/// (kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go:1863-1951, validateVddkImageJob): the Job's
/// <c>Complete</c> condition is success, <c>Failed</c> is an invalid image; meanwhile the first pod's (label
/// <c>job-name</c>) init container status tells whether the image is waiting to be pulled, and why.
/// </summary>
public sealed class KubeVirtVddkImageValidator(IKubernetes client, KubeVirtOptions options) : IVddkImageValidator
{
    public async Task<VddkValidationResult> ValidateAsync(VddkValidationJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        V1Job current;
        try
        {
            current = await client.BatchV1.CreateNamespacedJobAsync(VddkValidationJobManifest.Build(job, options.VirtV2vImage), job.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict))
        {
            current = await client.BatchV1.ReadNamespacedJobAsync(job.Name, job.Namespace, cancellationToken: cancellationToken);
        }

        var started = current.Status?.StartTime is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var conditions = current.Status?.Conditions ?? [];
        var pods = (await client.CoreV1.ListNamespacedPodAsync(job.Namespace, labelSelector: $"job-name={job.Name}", cancellationToken: cancellationToken)).Items;
        if (conditions.Any(c => c.Type == "Complete" && c.Status == "True"))
            return new VddkValidationResult(VddkImageCheckPhase.Succeeded, "", "", started);
        if (conditions.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True") is { } failed)
        {
            var output = pods.Select(p => p.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == VddkValidationJobManifest.Validator)?.State?.Terminated?.Message)
                .LastOrDefault(m => !string.IsNullOrWhiteSpace(m));
            return new VddkValidationResult(VddkImageCheckPhase.Failed, failed.Reason ?? "Failed", output?.Trim() ?? $"{failed.Reason}: {failed.Message}", started);
        }

        var waiting = pods.Select(p => p.Status?.InitContainerStatuses?.FirstOrDefault()?.State?.Waiting).FirstOrDefault(w => w?.Reason is { Length: > 0 } r && r != "PodInitializing");
        return new VddkValidationResult(VddkImageCheckPhase.Running, waiting?.Reason ?? "", waiting?.Message ?? "", started);
    }

    public async Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        await KubeErrors.IgnoreNotFoundAsync(() => client.BatchV1.DeleteNamespacedJobAsync(name, @namespace,
            new V1DeleteOptions { PropagationPolicy = "Foreground" }, cancellationToken: cancellationToken));
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: $"job-name={name}", cancellationToken: cancellationToken);
        foreach (var pod in pods.Items)
            await KubeErrors.IgnoreNotFoundAsync(() => client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, @namespace, cancellationToken: cancellationToken));
    }
}
