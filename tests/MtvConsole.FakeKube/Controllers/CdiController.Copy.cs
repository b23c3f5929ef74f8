using System.Globalization;
using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// The copy itself: one stage per checkpoint (or one for a cold import), the claims' annotations as CDI writes
/// them (<see cref="CdiClaims"/>), the stale <c>Paused</c> after a checkpoint is added, an importer that fails
/// when the snapshot of its checkpoint is gone, and the old DataVolume garbage collection.
/// </summary>
public sealed partial class CdiController
{
    private readonly CdiClaims _claims = new(store);

    /// <summary>The claims CDI keeps for each DataVolume.</summary>
    public CdiClaims Claims => _claims;

    /// <summary>
    /// How long CDI goes on reporting the previous status (a stale <c>Paused</c>) after a checkpoint is added,
    /// before its importer starts on the new one (kubev2v/forklift 3f92607e9, MTV-3789: "forklift can miss a
    /// transition from Paused to Running to Paused").
    /// </summary>
    public TimeSpan CheckpointPickupDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether the source still has a snapshot: (BIOS UUID of the VM, snapshot id) → present. When set, an importer
    /// whose current checkpoint's snapshot is gone fails and restarts, as CDI's VDDK importer does.
    /// </summary>
    public Func<string, string, bool>? SourceSnapshotExists { get; set; }

    /// <summary>How often a failing importer pod restarts.</summary>
    public TimeSpan ImporterRestartInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// CDI 1.55–1.61 with DataVolume garbage collection on: a Succeeded DataVolume is deleted unless it carries
    /// <c>cdi.kubevirt.io/storage.deleteAfterCompletion: "false"</c> (the webhook annotated every other one "true").
    /// kubevirt/containerized-data-importer be3bca39c^ pkg/controller/datavolume/garbagecollect.go and
    /// pkg/apiserver/webhooks/datavolume-mutate.go (removed in be3bca39c, "Deprecate DV garbage collection").
    /// </summary>
    public bool GarbageCollectSucceeded { get; set; }

    /// <summary>Copies for <paramref name="elapsed"/> once the DataVolume is scheduled.</summary>
    private void StepCopy(JsonObject dv, string ns, string name, string uid, long size, TimeSpan elapsed)
    {
        var spec = dv["spec"];
        var checkpoints = spec?["checkpoints"] as JsonArray ?? [];
        var final = spec?["finalCheckpoint"]?.GetValue<bool>() == true;
        if (!_copies.TryGetValue(uid, out var copy)) _copies[uid] = copy = new DiskCopy();
        var claim = _claims.Ensure(dv);
        var stages = Math.Max(1, checkpoints.Count);
        if (copy.Stage >= stages)
        {
            Idle(dv, claim, checkpoints.Count > 0, final);
            return;
        }

        // A checkpoint added after a pause: CDI has not reconciled it yet and still reports what it did before.
        if (copy.Stage > 0 && !copy.Started)
        {
            copy.Waited += elapsed;
            if (copy.Waited < CheckpointPickupDelay) return;
        }

        if (!copy.Started) Start(claim, checkpoints, copy.Stage, final, copy);
        var current = checkpoints.Count > 0 ? checkpoints[copy.Stage]?["current"]?.GetValue<string>() : null;
        var previous = checkpoints.Count > 0 ? checkpoints[copy.Stage]?["previous"]?.GetValue<string>() ?? "" : "";
        var uuid = spec?["source"]?["vddk"]?["uuid"]?.GetValue<string>() ?? "";
        if (current is not null && SourceSnapshotExists is { } exists && !exists(uuid, current))
        {
            // kubevirt/containerized-data-importer c07cdb6fb pkg/importer/vddk-datasource_amd64.go:1039-1044 (first copy,
            // govmomi FindSnapshot's error as is) and :1225-1237 (delta copy, wrapped "Could not find current snapshot").
            var missing = $"snapshot \"{current}\" not found";
            copy.FailingFor += elapsed;
            if (copy.FailingFor >= ImporterRestartInterval)
            {
                copy.FailingFor = TimeSpan.Zero;
                copy.Restarts++;
                RestartImporter(ns, name, copy.Restarts, previous.Length == 0 ? missing : $"Could not find current snapshot {current}: {missing}");
            }

            return;
        }

        if (Vddk.Check(dv, copy.Stage, elapsed) is { } importerFails)
        {
            Set(ns, name, importerFails.Phase, "N/A", importerFails.Message);
            return;
        }

        var stageBytes = copy.Stage == 0 ? size : (long)(size * DeltaFraction);
        copy.Copied += (long)(BytesPerSecond * elapsed.TotalSeconds);
        if (copy.Copied >= stageBytes)
        {
            if (current is not null) _claims.MarkCopied(claim, current);
            copy.Stage++;
            copy.Copied = 0;
            copy.Started = false;
            copy.Waited = TimeSpan.Zero;
            if (copy.Stage >= stages)
            {
                Idle(dv, claim, checkpoints.Count > 0, final);
                return;
            }

            Start(claim, checkpoints, copy.Stage, final, copy);
        }

        var pct = stageBytes == 0 ? 100 : 100.0 * copy.Copied / stageBytes;
        Set(ns, name, "ImportInProgress", pct.ToString("0.00", CultureInfo.InvariantCulture) + "%", $"Import in progress (checkpoint {copy.Stage + 1} of {stages})");
    }

    private void Start(CdiClaims.Claim claim, JsonArray checkpoints, int stage, bool final, DiskCopy copy)
    {
        copy.Started = true;
        if (checkpoints.Count == 0)
        {
            _claims.StartImport(claim);
            return;
        }

        var c = checkpoints[stage]!;
        _claims.StartCheckpoint(claim, c["current"]?.GetValue<string>() ?? "", c["previous"]?.GetValue<string>() ?? "", final && stage == checkpoints.Count - 1);
    }

    /// <summary>Every stage copied: Paused until the next checkpoint, or Succeeded (and perhaps collected).</summary>
    private void Idle(JsonObject dv, CdiClaims.Claim claim, bool multiStage, bool final)
    {
        if (multiStage && !final)
        {
            Set(claim.Namespace, claim.Name, "Paused", "100.0%", "Waiting for the next checkpoint");
            return;
        }

        if (multiStage) _claims.FinishMultiStage(claim);
        Set(claim.Namespace, claim.Name, "Succeeded", "100.0%", "Import Complete");
        if (GarbageCollectSucceeded && dv["metadata"]?["annotations"]?["cdi.kubevirt.io/storage.deleteAfterCompletion"]?.GetValue<string>() != "false")
            store.Delete(ResourceTypes.DataVolume, claim.Namespace, claim.Name);
    }

    /// <summary>
    /// The importer pod (named as its claim records it) restarted <paramref name="restarts"/> times with
    /// <paramref name="message"/> as its termination message; the DataVolume counts the restarts and shows the message.
    /// </summary>
    private void RestartImporter(string ns, string name, int restarts, string message)
    {
        var dv = store.Get(ResourceTypes.DataVolume, ns, name) ?? throw KubeApiException.NotFound(ResourceTypes.DataVolume, name);
        var claim = _claims.Ensure(dv);
        if (_claims.ImporterPod(ns, name) is null)
        {
            var uid = dv["metadata"]!["uid"]!.GetValue<string>();
            if (!_copies.TryGetValue(uid, out var copy)) _copies[uid] = copy = new DiskCopy();
            Start(claim, dv["spec"]?["checkpoints"] as JsonArray ?? [], copy.Stage, dv["spec"]?["finalCheckpoint"]?.GetValue<bool>() == true, copy);
        }

        var podName = _claims.ImporterPod(ns, name)!;
        store.Mutate(ResourceTypes.DataVolume, ns, name, d =>
        {
            Status(d)["restartCount"] = restarts;
            if (Status(d)["conditions"] is JsonArray conditions
                && conditions.FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Running") is JsonObject running)
            {
                running["status"] = "False";
                running["reason"] = "Error";
                running["message"] = message;
            }
        });
        if (store.Get(ResourceTypes.Pod, ns, podName) is null)
        {
            store.Create(ResourceTypes.Pod, ns, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = podName, ["labels"] = new JsonObject { ["app"] = "containerized-data-importer" } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "importer", ["image"] = "quay.io/kubevirt/cdi-importer" }) },
            });
        }

        store.Mutate(ResourceTypes.Pod, ns, podName, p => p["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "importer",
                ["restartCount"] = restarts,
                ["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 1, ["message"] = message, ["reason"] = "Error" } },
            }),
        });
    }
}
