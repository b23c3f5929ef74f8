using System.Text;
using System.Text.Json.Nodes;
using MtvConsole.FakeKube.Vddk;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// What CDI's VDDK importer does before it copies a byte, in the order it does it, against the endpoints a test supplies
/// (<see cref="Endpoints"/>; none: nothing answers at any URL):
/// <list type="number">
/// <item>The importer pod reads <c>accessKeyId</c>/<c>secretKey</c> from the Secret through <c>secretKeyRef</c>: a missing key
/// leaves the container in <c>CreateContainerConfigError</c> (the DataVolume stays ImportScheduled).</item>
/// <item>It logs in at the URL (refused: wrong account, e.g. the vCenter's on an ESXi host), finds the VM by UUID, then the disk
/// whose file is <c>backingFile</c> in the VM's configuration or snapshot chain; with a checkpoint, the snapshot's own disk.</item>
/// <item>nbdkit opens that file with the thumbprint: none, or one that is not the endpoint certificate's, fails the open.</item>
/// </list>
/// A failure restarts the importer every <see cref="RestartInterval"/> with the real termination message, counted in
/// <c>status.restartCount</c>. A cold import given another file of the chain than the current one copies it, stale, as the
/// real importer does: <see cref="Copies"/> records which file and snapshot each stage read.
/// </summary>
// kubevirt/containerized-data-importer c07cdb6fb pkg/importer/vddk-datasource_amd64.go: createVMwareClient, FindVM, FindDiskFromName,
//   createVddkDataSource (diskFileName := cfg.BackingFile; with a checkpoint FindSnapshotDiskName);
// kubevirt/containerized-data-importer c07cdb6fb pkg/image/nbdkit.go (thumbprint= only when non-empty);
// kubevirt/containerized-data-importer c07cdb6fb pkg/common/common.go (KeyAccess "accessKeyId", KeySecret "secretKey") and
//   pkg/controller/import-controller.go (the keys reach the importer through secretKeyRef env vars);
// libguestfs/nbdkit plugins/vddk/vddk.c (VixDiskLib_Open failure: "Please verify whether the "thumbprint" parameter ...") and
//   plugins/vddk/nbdkit-vddk-plugin.pod "THUMBPRINTS".
public sealed class VddkImporterChecks(ObjectStore store, Action<string, string, int, string> failImporter)
{
    private readonly Dictionary<string, Restarting> _restarting = [];
    private readonly Dictionary<(string, string), SortedDictionary<int, VddkCopy>> _copies = [];

    /// <summary>The vCenters and ESXi hosts the importer can reach; null: none answers.</summary>
    public IVddkEndpoints? Endpoints { get; set; }

    /// <summary>Time between importer restarts (CrashLoopBackOff starts at 10 s).</summary>
    public TimeSpan RestartInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What each stage of a DataVolume's import read, by stage (0 = the first copy, then one per checkpoint).</summary>
    public IReadOnlyList<VddkCopy> Copies(string ns, string name) =>
        _copies.TryGetValue((ns, name), out var copies) ? [.. copies.Values] : [];

    /// <summary>
    /// Runs the importer's checks for <paramref name="stage"/> of a VDDK DataVolume. Null when it may copy (the copy is
    /// recorded); otherwise the DataVolume's phase and message while its importer cannot.
    /// </summary>
    public (string Phase, string Message)? Check(JsonObject dv, int stage, TimeSpan elapsed)
    {
        if (dv["spec"]?["source"]?["vddk"] is not JsonObject vddk) return null;
        var ns = dv["metadata"]!["namespace"]!.GetValue<string>();
        var name = dv["metadata"]!["name"]!.GetValue<string>();
        var uid = dv["metadata"]!["uid"]!.GetValue<string>();
        var secretName = vddk["secretRef"]?.GetValue<string>();
        var secret = secretName is null ? null : store.Get(ResourceTypes.Secret, ns, secretName);
        if (secret is not null && MissingKey(secret) is { } key)
        {
            var waiting = $"couldn't find key {key} in Secret {ns}/{secretName}";
            WaitingImporter(ns, name, "CreateContainerConfigError", waiting);
            return ("ImportScheduled", waiting);
        }

        var failure = Failure(vddk, dv["spec"]?["checkpoints"] as JsonArray, secret, stage, out var copy);
        if (failure is null)
        {
            if (!_copies.TryGetValue((ns, name), out var copies)) _copies[(ns, name)] = copies = [];
            copies[stage] = copy!;
            return null;
        }

        if (!_restarting.TryGetValue(uid, out var restarting)) _restarting[uid] = restarting = new Restarting();
        restarting.Since += elapsed;
        if (restarting.Restarts == 0 || restarting.Since >= RestartInterval)
        {
            restarting.Restarts++;
            restarting.Since = TimeSpan.Zero;
            failImporter(ns, name, restarting.Restarts, failure);
        }

        return ("ImportInProgress", failure);
    }

    private string? Failure(JsonObject vddk, JsonArray? checkpoints, JsonObject? secret, int stage, out VddkCopy? copy)
    {
        copy = null;
        var url = vddk["url"]?.GetValue<string>() ?? "";
        var uuid = vddk["uuid"]?.GetValue<string>() ?? "";
        var backingFile = vddk["backingFile"]?.GetValue<string>() ?? "";
        var given = vddk["thumbprint"]?.GetValue<string>() ?? "";
        var presented = Endpoints?.Thumbprint(url);
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;
        if (presented is null) return $"Unable to connect to vCenter: Post \"{url}\": dial tcp {host}:443: connect: no route to host";
        var (user, password) = (Value(secret, "accessKeyId"), Value(secret, "secretKey"));
        if (!Endpoints!.Accepts(url, user, password))
            return "Unable to log in to vCenter: ServerFaultCode: Cannot complete login due to an incorrect user name or password.";
        if (!Endpoints.HasVm(url, uuid)) return "unable to locate VM in any datacenter";
        var disk = Endpoints.FindDisk(url, uuid, backingFile);
        if (disk is null) return $"Could not find VM disk {backingFile}: disk '{backingFile}' is not present in VM hardware config or snapshot list";

        var file = backingFile;
        string? snapshot = null;
        if (checkpoints is { Count: > 0 })
        {
            snapshot = checkpoints[Math.Min(stage, checkpoints.Count - 1)]?["current"]?.GetValue<string>() ?? "";
            if (Endpoints.SnapshotFile(url, uuid, disk.Key, snapshot) is not { } frozen)
                return $"Could not find current snapshot {snapshot}: snapshot \"{snapshot}\" not found";
            file = frozen;
        }

        if (!string.Equals(given, presented, StringComparison.OrdinalIgnoreCase))
            return "Unable to connect to vddk data source: nbdkit: vddk[1]: error: VixDiskLib_Open: " + file + ": Unknown error; " +
                $"nbdkit: vddk[1]: error: Please verify whether the \"thumbprint\" parameter ({(given.Length == 0 ? "not specified" : given)}) " +
                "matches the SHA1 fingerprint of the remote VMware server.  Refer to nbdkit-vddk-plugin(1) section \"THUMBPRINTS\" for details.";

        copy = new VddkCopy(stage, file, snapshot, snapshot is not null || file == disk.CurrentFile);
        return null;
    }

    private static string? MissingKey(JsonObject secret) =>
        new[] { "accessKeyId", "secretKey" }.FirstOrDefault(k => secret["data"]?[k] is null && secret["stringData"]?[k] is null);

    private static string Value(JsonObject? secret, string key)
    {
        if (secret?["stringData"]?[key]?.GetValue<string>() is { } plain) return plain;
        var encoded = secret?["data"]?[key]?.GetValue<string>();
        return encoded is null ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
    }

    private void WaitingImporter(string ns, string dv, string reason, string message)
    {
        var podName = $"importer-{dv}";
        if (store.Get(ResourceTypes.Pod, ns, podName) is null)
            store.Create(ResourceTypes.Pod, ns, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = podName, ["labels"] = new JsonObject { ["app"] = "containerized-data-importer" } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "importer", ["image"] = "quay.io/kubevirt/cdi-importer" }) },
            });
        store.Mutate(ResourceTypes.Pod, ns, podName, p => p["status"] = new JsonObject
        {
            ["phase"] = "Pending",
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "importer",
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = message } },
            }),
        });
    }

    private sealed class Restarting
    {
        public int Restarts;
        public TimeSpan Since;
    }
}
