using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// Runs the virt-v2v conversion Pod: Pending until every PVC it mounts exists (CDI names the PVC after
/// its DataVolume), Running for <see cref="RunFor"/>, then Succeeded; an image with "fail" in its name
/// fails with a termination message. Importer pods are left to <see cref="CdiController"/>.
/// </summary>
public sealed class PodController(ObjectStore store, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _started = [];

    public TimeSpan RunFor { get; set; } = TimeSpan.FromSeconds(60);

    public void Step()
    {
        var (pods, _) = store.List(ResourceTypes.Pod, null, p => p["metadata"]?["labels"]?["job-name"] is null
            && !(p["metadata"]?["name"]?.GetValue<string>() ?? "").StartsWith("importer-", StringComparison.Ordinal));
        foreach (var pod in pods)
        {
            var ns = pod["metadata"]!["namespace"]!.GetValue<string>();
            var name = pod["metadata"]!["name"]!.GetValue<string>();
            var uid = pod["metadata"]!["uid"]!.GetValue<string>();
            var phase = pod["status"]?["phase"]?.GetValue<string>();
            if (phase is "Succeeded" or "Failed") continue;
            var missing = (pod["spec"]?["volumes"] as JsonArray ?? [])
                .Select(v => v?["persistentVolumeClaim"]?["claimName"]?.GetValue<string>())
                .OfType<string>()
                .FirstOrDefault(c => store.Get(ResourceTypes.DataVolume, ns, c) is null);
            if (missing is not null)
            {
                SetStatus(ns, name, "Pending", $"persistentvolumeclaim \"{missing}\" not found", null);
                continue;
            }

            if (!_started.TryGetValue(uid, out var started))
            {
                _started[uid] = time.GetUtcNow();
                SetStatus(ns, name, "Running", "", null);
                continue;
            }

            if (time.GetUtcNow() - started < RunFor) continue;
            var image = pod["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
            if (image.Contains("fail", StringComparison.OrdinalIgnoreCase))
                SetStatus(ns, name, "Failed", "", "virt-v2v: error: inspection could not detect the source guest");
            else
                SetStatus(ns, name, "Succeeded", "", "");
        }
    }

    private void SetStatus(string ns, string name, string phase, string message, string? terminated) =>
        store.Mutate(ResourceTypes.Pod, ns, name, p =>
        {
            var container = new JsonObject { ["name"] = p["spec"]!["containers"]![0]!["name"]!.GetValue<string>(), ["restartCount"] = 0 };
            if (terminated is not null)
                container["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = phase == "Failed" ? 1 : 0, ["message"] = terminated } };
            p["status"] = new JsonObject { ["phase"] = phase, ["message"] = message, ["containerStatuses"] = new JsonArray(container) };
        });
}
