using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// The PersistentVolumeClaims CDI makes for a DataVolume, and the annotations it keeps on them.
/// <list type="bullet">
/// <item>The claim has the DataVolume's name, is owned by it, and the DataVolume's <c>status.claimName</c>
/// names it (kubevirt/containerized-data-importer c07cdb6fb pkg/controller/datavolume/controller-base.go).</item>
/// <item>With populators (the default on a CSI storage class unless the DataVolume says
/// <c>cdi.kubevirt.io/storage.usePopulator: "false"</c>; controller-base.go: shouldUseCDIPopulator) the import
/// runs on a second claim <c>prime-&lt;claim uid&gt;</c> (pkg/controller/populators/util.go), named on the claim
/// by <c>cdi.kubevirt.io/storage.populator.pvcPrime</c>. The prime claim carries the importer pod's name and the
/// checkpoint-copied annotations; only some annotations are mirrored to the claim
/// (pkg/controller/populators/populator-base.go: desiredAnnotations, which has neither).</item>
/// <item>The importer pod is <c>importer-&lt;claim&gt;</c>, or <c>importer-&lt;claim&gt;-checkpoint-&lt;current&gt;</c>
/// for one checkpoint of a multi-stage import, recorded in <c>cdi.kubevirt.io/storage.import.importPodName</c>
/// (pkg/controller/import-controller.go: createImportPodNameFromPvc, podNameWithCheckpoint, updatePvcFromPod).</item>
/// <item>Multi-stage imports keep <c>storage.checkpoint.current/previous/final</c>, mark each copied checkpoint with
/// <c>storage.checkpoint.copied.&lt;current&gt;</c> = the importer pod's uid, and after the final one drop them all
/// for <c>storage.checkpoint.done</c> (pkg/controller/common/checkpoint-util.go; util.go:106-118, 183).</item>
/// </list>
/// </summary>
public sealed class CdiClaims(ObjectStore store)
{
    public const string ImportPodName = "cdi.kubevirt.io/storage.import.importPodName";
    public const string PvcPrime = "cdi.kubevirt.io/storage.populator.pvcPrime";
    public const string UsePopulator = "cdi.kubevirt.io/storage.usePopulator";
    public const string CurrentCheckpoint = "cdi.kubevirt.io/storage.checkpoint.current";
    public const string PreviousCheckpoint = "cdi.kubevirt.io/storage.checkpoint.previous";
    public const string FinalCheckpoint = "cdi.kubevirt.io/storage.checkpoint.final";
    public const string CheckpointCopied = "cdi.kubevirt.io/storage.checkpoint.copied";
    public const string CurrentPodId = "cdi.kubevirt.io/storage.checkpoint.pod.id";
    public const string MultiStageDone = "cdi.kubevirt.io/storage.checkpoint.done";

    /// <summary>The claim (and prime claim, with populators) of the DataVolume; creates them on first sight.</summary>
    public Claim Ensure(JsonObject dv)
    {
        var meta = dv["metadata"]!;
        var ns = meta["namespace"]!.GetValue<string>();
        var name = meta["name"]!.GetValue<string>();
        var pvc = store.Get(ResourceTypes.PersistentVolumeClaim, ns, name)
            ?? store.Create(ResourceTypes.PersistentVolumeClaim, ns, NewClaim(name, dv, "DataVolume", "cdi.kubevirt.io/v1beta1", meta["uid"]!.GetValue<string>(), meta["name"]!.GetValue<string>()));
        if (dv["status"]?["claimName"] is null)
            store.Mutate(ResourceTypes.DataVolume, ns, name, d => ((JsonObject)(d["status"] ??= new JsonObject()))["claimName"] = name);
        if (meta["annotations"]?[UsePopulator]?.GetValue<string>() == "false") return new Claim(ns, name, name);

        var prime = "prime-" + pvc["metadata"]!["uid"]!.GetValue<string>();
        if (store.Get(ResourceTypes.PersistentVolumeClaim, ns, prime) is null)
            store.Create(ResourceTypes.PersistentVolumeClaim, ns, NewClaim(prime, dv, "PersistentVolumeClaim", "v1", pvc["metadata"]!["uid"]!.GetValue<string>(), name));
        Annotate(ns, name, a => a[PvcPrime] = prime);
        return new Claim(ns, name, prime);
    }

    /// <summary>The importer pod's name as CDI records it on the claim that does the import; null before one was made.</summary>
    public string? ImporterPod(string ns, string dvName)
    {
        var pvc = store.Get(ResourceTypes.PersistentVolumeClaim, ns, dvName);
        if (pvc is null) return null;
        var work = pvc["metadata"]?["annotations"]?[PvcPrime]?.GetValue<string>() is { } prime ? store.Get(ResourceTypes.PersistentVolumeClaim, ns, prime) : pvc;
        return work?["metadata"]?["annotations"]?[ImportPodName]?.GetValue<string>();
    }

    /// <summary>A single-stage import starts: its importer pod is <c>importer-&lt;claim&gt;</c>.</summary>
    public void StartImport(Claim claim) => Annotate(claim.Namespace, claim.Work, a => a[ImportPodName] = "importer-" + claim.Work);

    /// <summary>One checkpoint of a multi-stage import starts, in a pod of its own.</summary>
    public void StartCheckpoint(Claim claim, string current, string previous, bool final)
    {
        Annotate(claim.Namespace, claim.Work, a =>
        {
            a[CurrentCheckpoint] = current;
            a[PreviousCheckpoint] = previous;
            a[FinalCheckpoint] = final ? "true" : "false";
            a[ImportPodName] = $"importer-{claim.Work}-checkpoint-{current}";
            a[CurrentPodId] = Guid.NewGuid().ToString();
        });
        if (claim.Work != claim.Name) Annotate(claim.Namespace, claim.Name, a => a[CurrentCheckpoint] = current);
    }

    /// <summary>The importer pod copied <paramref name="current"/>: <c>storage.checkpoint.copied.&lt;current&gt;</c> = its uid.</summary>
    public void MarkCopied(Claim claim, string current) =>
        Annotate(claim.Namespace, claim.Work, a => a[$"{CheckpointCopied}.{current}"] = a[CurrentPodId]?.GetValue<string>() ?? "");

    /// <summary>After the final checkpoint CDI drops the multi-stage annotations and sets <c>storage.checkpoint.done</c>.</summary>
    public void FinishMultiStage(Claim claim)
    {
        foreach (var name in claim.Work == claim.Name ? new[] { claim.Name } : new[] { claim.Work, claim.Name })
        {
            Annotate(claim.Namespace, name, a =>
            {
                foreach (var key in a.Select(p => p.Key).Where(k => k is CurrentCheckpoint or PreviousCheckpoint or FinalCheckpoint or CurrentPodId
                    || k.StartsWith(CheckpointCopied + ".", StringComparison.Ordinal)).ToList())
                    a.Remove(key);
                a[MultiStageDone] = "true";
            });
        }
    }

    private void Annotate(string ns, string name, Action<JsonObject> change) =>
        store.Mutate(ResourceTypes.PersistentVolumeClaim, ns, name, pvc =>
        {
            var meta = (JsonObject)pvc["metadata"]!;
            if (meta["annotations"] is not JsonObject annotations)
            {
                annotations = [];
                meta["annotations"] = annotations;
            }

            change(annotations);
        });

    private static JsonObject NewClaim(string name, JsonObject dv, string ownerKind, string ownerApiVersion, string ownerUid, string ownerName)
    {
        var storage = dv["spec"]?["storage"] ?? dv["spec"]?["pvc"];
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject { ["app"] = "containerized-data-importer" },
                ["annotations"] = new JsonObject(),
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = ownerApiVersion, ["kind"] = ownerKind, ["name"] = ownerName, ["uid"] = ownerUid,
                    ["controller"] = true, ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = new JsonObject
            {
                ["accessModes"] = storage?["accessModes"]?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
                ["resources"] = storage?["resources"]?.DeepClone() ?? new JsonObject(),
                ["storageClassName"] = storage?["storageClassName"]?.DeepClone(),
                ["volumeMode"] = storage?["volumeMode"]?.DeepClone() ?? "Filesystem",
            },
            ["status"] = new JsonObject { ["phase"] = "Bound" },
        };
    }

    /// <summary>A DataVolume's claim and the claim its importer works on (the same one without populators).</summary>
    public sealed record Claim(string Namespace, string Name, string Work);
}
