using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// Runs the virt-v2v conversion Pod as a kubelet and virt-v2v would: Pending until every PVC it mounts
/// exists (CDI names the PVC after its DataVolume) and every ConfigMap it mounts exists; then virt-v2v
/// reads the libvirt domain XML it was given — it fails when the XML is missing, unreadable, or names a
/// disk source that is not one of the pod's mounted volumes or block devices. Otherwise Running for
/// <see cref="RunFor"/>, serving <c>v2v_disk_transfers{disk_id="N"}</c> on its metrics port 2112 as the
/// disks convert one after another, then Succeeded; an image with "fail" in its name fails with a
/// termination message. Importer pods are left to <see cref="CdiController"/>.
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
            var volumes = pod["spec"]?["volumes"] as JsonArray ?? [];
            var missing = volumes
                .Select(v => v?["persistentVolumeClaim"]?["claimName"]?.GetValue<string>())
                .OfType<string>()
                .FirstOrDefault(c => store.Get(ResourceTypes.DataVolume, ns, c) is null);
            if (missing is not null)
            {
                SetStatus(ns, name, "Pending", $"persistentvolumeclaim \"{missing}\" not found", null);
                continue;
            }

            var missingConfigMap = volumes
                .Select(v => v?["configMap"]?["name"]?.GetValue<string>())
                .OfType<string>()
                .FirstOrDefault(c => store.Get(ResourceTypes.ConfigMap, ns, c) is null);
            if (missingConfigMap is not null)
            {
                SetStatus(ns, name, "Pending", $"MountVolume.SetUp failed: configmap \"{missingConfigMap}\" not found", null);
                continue;
            }

            if (!_started.TryGetValue(uid, out var started))
            {
                if (InputProblem(pod, ns) is { } problem)
                {
                    SetStatus(ns, name, "Failed", "", problem);
                    continue;
                }

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

    /// <summary>What the pod answers on a port and path: the metrics of a running conversion on 2112, else nothing.</summary>
    public string? Serve(string ns, string name, int port, string path)
    {
        if (port != 2112 || path != "metrics") return null;
        var pod = store.Get(ResourceTypes.Pod, ns, name);
        if (pod?["status"]?["phase"]?.GetValue<string>() != "Running" || !_started.TryGetValue(pod["metadata"]!["uid"]!.GetValue<string>(), out var started))
            return null;
        var disks = (pod["spec"]?["volumes"] as JsonArray ?? []).Count(v => v?["persistentVolumeClaim"] is not null);
        var done = Math.Clamp((time.GetUtcNow() - started) / RunFor, 0, 1) * disks; // disks convert one after another
        var text = new StringBuilder("# HELP v2v_disk_transfers Percent of disk copy\n# TYPE v2v_disk_transfers gauge\n");
        for (var i = 0; i < disks; i++)
        {
            var percent = Math.Clamp(done - i, 0, 1) * 100;
            text.Append(CultureInfo.InvariantCulture, $"v2v_disk_transfers{{disk_id=\"{i + 1}\"}} {percent:0.##}\n");
        }

        return text.ToString();
    }

    /// <summary>Why virt-v2v cannot start from the pod's libvirt XML: missing, not XML, or a disk that is not mounted.</summary>
    private string? InputProblem(JsonObject pod, string ns)
    {
        var container = pod["spec"]!["containers"]![0]!;
        var xmlPath = (container["env"] as JsonArray ?? []).FirstOrDefault(e => e?["name"]?.GetValue<string>() == "V2V_libvirtXml")?["value"]?.GetValue<string>();
        if (xmlPath is null) return null; // not a libvirt-xml conversion
        var directory = Path.GetDirectoryName(xmlPath)!.Replace('\\', '/');
        var mount = (container["volumeMounts"] as JsonArray ?? []).FirstOrDefault(m => m?["mountPath"]?.GetValue<string>() == directory);
        var volume = (pod["spec"]!["volumes"] as JsonArray ?? []).FirstOrDefault(v => v?["name"]?.GetValue<string>() == mount?["name"]?.GetValue<string>());
        var configMap = volume?["configMap"]?["name"]?.GetValue<string>();
        var xml = configMap is null ? null : store.Get(ResourceTypes.ConfigMap, ns, configMap)?["data"]?[Path.GetFileName(xmlPath)]?.GetValue<string>();
        if (xml is null) return $"virt-v2v: error: libvirt domain XML {xmlPath}: No such file or directory";
        XElement domain;
        try
        {
            domain = XElement.Parse(xml);
        }
        catch (XmlException e)
        {
            return $"virt-v2v: error: could not parse {xmlPath}: {e.Message}";
        }

        var mounts = (container["volumeMounts"] as JsonArray ?? []).Select(m => m!["mountPath"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var devices = (container["volumeDevices"] as JsonArray ?? []).Select(d => d!["devicePath"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var disks = domain.Element("devices")?.Elements("disk").ToList() ?? [];
        foreach (var disk in disks)
        {
            var source = disk.Element("source");
            var file = source?.Attribute("file")?.Value;
            var dev = source?.Attribute("dev")?.Value;
            var found = file is not null ? mounts.Contains(Path.GetDirectoryName(file)!.Replace('\\', '/')) : dev is not null && devices.Contains(dev);
            if (!found) return $"virt-v2v: error: disk source {file ?? dev ?? "(none)"}: No such file or directory";
        }

        return null;
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
