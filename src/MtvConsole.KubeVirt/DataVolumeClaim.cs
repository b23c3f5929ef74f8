using k8s;
using k8s.Models;

namespace MtvConsole.KubeVirt;

/// <summary>
/// What CDI writes on a DataVolume's PersistentVolumeClaim that the DataVolume itself does not show: the
/// checkpoints already copied (warm) and the importer pod's name. The claim is <c>status.claimName</c>
/// (CDI names it after the DataVolume). With CDI's populators the importer works on the claim
/// <c>prime-&lt;claim uid&gt;</c>, and that claim carries the importer pod's name (<c>importer-prime-&lt;uid&gt;</c>).
/// kubev2v/forklift d42511bb2 pkg/controller/plan/migration.go:2043-2062 (checkpoint copied, 3f92607e9) and
/// 2101-2139 (prime claim, then <c>GetImporterPod</c> in pkg/controller/plan/kubevirt.go:1498-1522);
/// kubevirt/containerized-data-importer c07cdb6fb pkg/controller/common/util.go:113,183 (annotation names),
/// pkg/controller/populators/util.go (prime-&lt;uid&gt;), pkg/controller/import-controller.go: createImportPodNameFromPvc.
/// </summary>
public sealed record DataVolumeClaim(IReadOnlyCollection<string> CopiedCheckpoints, string? ImporterPod)
{
    public const string CheckpointCopiedPrefix = "cdi.kubevirt.io/storage.checkpoint.copied.";
    public const string ImportPodName = "cdi.kubevirt.io/storage.import.importPodName";
    public const string PrimePrefix = "prime-";

    /// <summary>The claim of the DataVolume <paramref name="claimName"/>; null when there is none (yet).</summary>
    public static async Task<DataVolumeClaim?> ReadAsync(IKubernetes client, string @namespace, string claimName, bool withImporterPod, CancellationToken ct)
    {
        var pvc = await KubeErrors.OrNullAsync(() => client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(claimName, @namespace, cancellationToken: ct));
        if (pvc is null) return null;
        var copied = CopiedFrom(pvc.Metadata.Annotations);
        if (!withImporterPod) return new DataVolumeClaim(copied, null);
        var prime = await KubeErrors.OrNullAsync(() => client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(PrimePrefix + pvc.Metadata.Uid, @namespace, cancellationToken: ct));
        return new DataVolumeClaim(copied, Annotation(prime ?? pvc, ImportPodName));
    }

    /// <summary>The checkpoint ids named by <c>storage.checkpoint.copied.&lt;checkpoint&gt;</c> annotations.</summary>
    public static IReadOnlyCollection<string> CopiedFrom(IDictionary<string, string>? annotations) =>
        annotations is null
            ? []
            : annotations.Keys.Where(k => k.StartsWith(CheckpointCopiedPrefix, StringComparison.Ordinal) && k.Length > CheckpointCopiedPrefix.Length)
                .Select(k => k[CheckpointCopiedPrefix.Length..]).ToHashSet(StringComparer.Ordinal);

    private static string? Annotation(V1PersistentVolumeClaim pvc, string key) =>
        pvc.Metadata.Annotations?.TryGetValue(key, out var value) == true && !string.IsNullOrEmpty(value) ? value : null;
}
