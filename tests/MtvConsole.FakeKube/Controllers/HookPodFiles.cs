using System.Text;
using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// What a hook pod's container sees of its volumes: each ConfigMap or Secret key as a file under the mount path,
/// as the kubelet projects them. A volume whose ConfigMap or Secret does not exist keeps the pod from starting
/// (kubelet FailedMount: <c>secret "x" not found</c>), so the Job runs into its deadline.
/// </summary>
internal static class HookPodFiles
{
    /// <summary>The first volume the kubelet could not mount, as its event says, or null.</summary>
    public static string? MissingVolume(ObjectStore store, string ns, JsonNode podSpec)
    {
        foreach (var volume in (podSpec["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (volume["configMap"]?["name"]?.GetValue<string>() is { } map && store.Get(ResourceTypes.ConfigMap, ns, map) is null)
                return $"MountVolume.SetUp failed for volume \"{volume["name"]}\" : configmap \"{map}\" not found";
            if (volume["secret"]?["secretName"]?.GetValue<string>() is { } secret && store.Get(ResourceTypes.Secret, ns, secret) is null)
                return $"MountVolume.SetUp failed for volume \"{volume["name"]}\" : secret \"{secret}\" not found";
        }

        return null;
    }

    public static Dictionary<string, string> Read(ObjectStore store, string ns, JsonNode podSpec, JsonNode container)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var volumes = (podSpec["volumes"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(v => v["name"]!.GetValue<string>());
        foreach (var mount in (container["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (!volumes.TryGetValue(mount["name"]!.GetValue<string>(), out var volume)) continue;
            var path = mount["mountPath"]!.GetValue<string>().TrimEnd('/');
            if (volume["configMap"]?["name"]?.GetValue<string>() is { } map && store.Get(ResourceTypes.ConfigMap, ns, map)?["data"] is JsonObject data)
                foreach (var (key, value) in data) files[$"{path}/{key}"] = value?.GetValue<string>() ?? "";
            if (volume["secret"]?["secretName"]?.GetValue<string>() is { } name && store.Get(ResourceTypes.Secret, ns, name) is { } secret)
            {
                foreach (var (key, value) in secret["data"] as JsonObject ?? [])
                    files[$"{path}/{key}"] = Encoding.UTF8.GetString(Convert.FromBase64String(value?.GetValue<string>() ?? ""));
                foreach (var (key, value) in secret["stringData"] as JsonObject ?? [])
                    files[$"{path}/{key}"] = value?.GetValue<string>() ?? "";
            }
        }

        return files;
    }
}
