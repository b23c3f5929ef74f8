using System.Globalization;
using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// A small CDI: each DataVolume goes Pending → ImportScheduled → ImportInProgress (progress from a copy
/// rate) → Succeeded, or, with checkpoints (warm), copies each checkpoint in turn and pauses after the
/// last one until another is added; after the final checkpoint it succeeds. Its claims and their
/// annotations, the stale Paused and the importer's failures are in CdiController.Copy.cs. An unknown storage class
/// fails it; a WaitForFirstConsumer class waits for a running VM unless bind-immediate is requested;
/// a missing VDDK secret keeps it scheduled. <see cref="FailImporter"/> injects importer restarts.
/// <see cref="Vddk"/> checks each VDDK source as the real importer does before copying.
/// </summary>
public sealed partial class CdiController(ObjectStore store)
{
    private readonly Dictionary<string, DiskCopy> _copies = [];
    private VddkImporterChecks? _vddk;

    /// <summary>The importer's VDDK checks and what each import copied; tests set its endpoints.</summary>
    public VddkImporterChecks Vddk => _vddk ??= new VddkImporterChecks(store, FailImporter);

    /// <summary>Bytes per second an importer copies.</summary>
    public long BytesPerSecond { get; set; } = 200L * 1024 * 1024;

    /// <summary>Share of the disk a warm delta (any checkpoint after the first) copies.</summary>
    public double DeltaFraction { get; set; } = 0.1;

    /// <summary>The VDDK image and importer pod start (<see cref="CdiImporterPods"/>); null skips them.</summary>
    public CdiImporterPods? Importers { get; init; }

    public void Step(TimeSpan elapsed)
    {
        var (dvs, _) = store.List(ResourceTypes.DataVolume, null, _ => true);
        foreach (var dv in dvs) StepOne(dv, elapsed);
    }

    /// <summary>Makes the importer pod of a DataVolume restart <paramref name="restarts"/> times with a termination message.</summary>
    public void FailImporter(string ns, string name, int restarts, string message) => RestartImporter(ns, name, restarts, message);

    private void StepOne(JsonObject dv, TimeSpan elapsed)
    {
        var meta = dv["metadata"]!;
        var ns = meta["namespace"]!.GetValue<string>();
        var name = meta["name"]!.GetValue<string>();
        var uid = meta["uid"]!.GetValue<string>();
        var phase = dv["status"]?["phase"]?.GetValue<string>();
        if (phase is "Succeeded" or "Failed") return;
        var storage = dv["spec"]?["storage"] ?? dv["spec"]?["pvc"];
        var className = storage?["storageClassName"]?.GetValue<string>();
        var sc = className is null ? null : store.Get(ResourceTypes.StorageClass, "", className);
        if (className is not null && sc is null)
        {
            Set(ns, name, "Failed", "N/A", $"storageclass.storage.k8s.io \"{className}\" not found");
            return;
        }

        if (phase is null)
        {
            Set(ns, name, "Pending", "N/A", "PVC Pending");
            return;
        }

        if (sc?["volumeBindingMode"]?.GetValue<string>() == "WaitForFirstConsumer"
            && meta["annotations"]?["cdi.kubevirt.io/storage.bind.immediate.requested"]?.GetValue<string>() != "true"
            && !ConsumedByRunningVm(ns, name))
        {
            Set(ns, name, "WaitForFirstConsumer", "N/A", "PVC waits for its first consumer");
            return;
        }

        var secret = dv["spec"]?["source"]?["vddk"]?["secretRef"]?.GetValue<string>();
        if (secret is not null && store.Get(ResourceTypes.Secret, ns, secret) is null)
        {
            Set(ns, name, "ImportScheduled", "N/A", $"secret \"{secret}\" not found");
            return;
        }

        if (phase is "Pending" or "WaitForFirstConsumer")
        {
            if (Importers?.AwaitingVddk(dv) is { } awaiting) Set(ns, name, "Pending", "N/A", awaiting);
            else Set(ns, name, "ImportScheduled", "N/A", "Import pod scheduled");
            return;
        }

        if (Importers?.Started(ns, Claims.Ensure(dv).Work, dv) == false) return; // the importer pod belongs to the claim that does the import

        StepCopy(dv, ns, name, uid, Bytes(storage?["resources"]?["requests"]?["storage"]?.GetValue<string>()), elapsed);
    }

    private bool ConsumedByRunningVm(string ns, string dv)
    {
        var (vms, _) = store.List(ResourceTypes.VirtualMachine, ns, _ => true);
        return vms.Any(vm => vm["spec"]?["runStrategy"]?.GetValue<string>() == "Always"
            && (vm["spec"]?["template"]?["spec"]?["volumes"] as JsonArray ?? []).Any(v => v?["dataVolume"]?["name"]?.GetValue<string>() == dv));
    }

    private void Set(string ns, string name, string phase, string progress, string message) =>
        store.Mutate(ResourceTypes.DataVolume, ns, name, dv =>
        {
            var status = Status(dv);
            status["phase"] = phase;
            status["progress"] = progress;
            status["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Bound", ["status"] = phase is "Pending" or "WaitForFirstConsumer" ? "False" : "True", ["message"] = "" },
                new JsonObject { ["type"] = "Running", ["status"] = phase == "ImportInProgress" ? "True" : "False", ["message"] = message },
                new JsonObject { ["type"] = "Ready", ["status"] = phase == "Succeeded" ? "True" : "False", ["message"] = "" });
        });

    private static JsonObject Status(JsonObject dv)
    {
        if (dv["status"] is not JsonObject status)
        {
            status = new JsonObject();
            dv["status"] = status;
        }

        return status;
    }

    private static long Bytes(string? quantity) =>
        quantity is null ? 0
        : quantity.EndsWith("Gi", StringComparison.Ordinal) ? long.Parse(quantity[..^2], CultureInfo.InvariantCulture) << 30
        : quantity.EndsWith("Mi", StringComparison.Ordinal) ? long.Parse(quantity[..^2], CultureInfo.InvariantCulture) << 20
        : long.Parse(quantity, CultureInfo.InvariantCulture);

    private sealed class DiskCopy
    {
        public int Stage;
        public long Copied;
        public bool Started;
        public TimeSpan Waited;
        public TimeSpan FailingFor;
        public int Restarts;
    }
}
