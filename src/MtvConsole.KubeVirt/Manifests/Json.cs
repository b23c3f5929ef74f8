using System.Text.Json.Nodes;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>Small helpers to build JSON manifests of custom resources.</summary>
internal static class Json
{
    public static JsonObject Map(IEnumerable<KeyValuePair<string, string>> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values) o[k] = v;
        return o;
    }

    public static JsonObject Metadata(string @namespace, string name, IReadOnlyDictionary<string, string> labels, IEnumerable<KeyValuePair<string, string>>? annotations = null)
    {
        var m = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["labels"] = Map(labels) };
        if (annotations is not null) m["annotations"] = Map(annotations);
        return m;
    }
}
