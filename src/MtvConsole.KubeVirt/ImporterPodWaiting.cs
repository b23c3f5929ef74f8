using k8s;
using k8s.Models;
using MtvConsole.Core.Ports;

namespace MtvConsole.KubeVirt;

/// <summary>
/// Finds the CDI importer pod of a DataVolume and reports a container of it that waits to start for a reason
/// other than the normal start-up (an image the kubelet cannot pull). The pod is found as CDI makes it
/// (kubevirt/containerized-data-importer c07cdb6fb pkg/controller/import-controller.go:1001-1040, makeImporterPodSpec):
/// labels <c>app=containerized-data-importer</c>, <c>cdi.kubevirt.io=importer</c>, controlled by the claim it fills:
/// the DataVolume's PVC, or with volume populators the PVC' <c>prime-&lt;PVC uid&gt;</c>
/// (pkg/controller/populators/util.go:93, PVCPrimeName), whose pod is <c>importer-prime-&lt;uid&gt;</c>.
/// </summary>
public static class ImporterPodWaiting
{
    /// <summary>pkg/common/common.go: CDILabelKey=CDILabelValue, CDIComponentLabel=ImporterPodName.</summary>
    public const string Selector = "app=containerized-data-importer,cdi.kubevirt.io=importer";

    // The kubelet's waiting reasons of a container that is simply starting.
    private static readonly HashSet<string> StartingReasons = new(StringComparer.Ordinal) { "ContainerCreating", "PodInitializing" };

    public static async Task<ImporterWaiting?> FindAsync(IKubernetes client, string @namespace, string dataVolume, CancellationToken ct)
    {
        var pvc = await KubeErrors.OrNullAsync(() => client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(dataVolume, @namespace, cancellationToken: ct));
        var claims = new HashSet<string>(StringComparer.Ordinal) { dataVolume };
        if (pvc?.Metadata?.Uid is { Length: > 0 } uid) claims.Add("prime-" + uid);
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: Selector, cancellationToken: ct);
        return pods.Items
            .Where(p => p.Metadata?.OwnerReferences?.Any(o => o.Kind == "PersistentVolumeClaim" && claims.Contains(o.Name)) == true)
            .Select(Waiting)
            .FirstOrDefault(w => w is not null);
    }

    /// <summary>The first init container, then container, of the pod that waits for a reason other than starting up.</summary>
    public static ImporterWaiting? Waiting(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []);
        var stuck = statuses.FirstOrDefault(s => s.State?.Waiting?.Reason is { Length: > 0 } reason && !StartingReasons.Contains(reason));
        return stuck is null
            ? null
            : new ImporterWaiting(pod.Metadata.Name, stuck.Name, stuck.Image ?? "", stuck.State.Waiting.Reason, stuck.State.Waiting.Message ?? "");
    }
}
