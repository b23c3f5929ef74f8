using System.Text.Json;
using System.Text.Json.Nodes;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// Puts the importer pod on the plan's transfer network (reference §7): a NAD with a
/// <c>forklift.konveyor.io/route</c> annotation or an IPAM default route becomes a
/// <c>k8s.v1.cni.cncf.io/networks</c> entry (with <c>default-route</c> when the annotation is an IP);
/// any other NAD replaces the pod network through the multus <c>default-network</c> annotation.
/// </summary>
public static class TransferNetworkAnnotations
{
    public const string RouteAnnotation = "forklift.konveyor.io/route";
    public const string Networks = "k8s.v1.cni.cncf.io/networks";
    public const string DefaultNetwork = "v1.multus-cni.io/default-network";

    public static IReadOnlyDictionary<string, string> For(string @namespace, string name, IDictionary<string, string>? nadAnnotations, string? nadConfig)
    {
        var route = nadAnnotations is not null && nadAnnotations.TryGetValue(RouteAnnotation, out var r) ? r.Trim() : null;
        if (route is not null || HasIpamDefaultRoute(nadConfig))
        {
            var entry = new JsonObject { ["name"] = name, ["namespace"] = @namespace };
            if (route is { Length: > 0 } && !route.Equals("none", StringComparison.OrdinalIgnoreCase)) entry["default-route"] = new JsonArray(route);
            return new Dictionary<string, string> { [Networks] = new JsonArray(entry).ToJsonString() };
        }

        return new Dictionary<string, string> { [DefaultNetwork] = $"{@namespace}/{name}" };
    }

    private static bool HasIpamDefaultRoute(string? config)
    {
        if (string.IsNullOrWhiteSpace(config)) return false;
        try
        {
            var routes = JsonNode.Parse(config)?["ipam"]?["routes"] as JsonArray;
            return routes?.Any(r => r?["dst"]?.GetValue<string>() is "0.0.0.0/0" or "::/0") == true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
