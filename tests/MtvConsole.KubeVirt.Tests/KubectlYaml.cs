using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// Reads multi-document YAML into JSON objects the way <c>kubectl apply -f</c> does (sigs.k8s.io/yaml over go-yaml v2,
/// YAML 1.1 resolution): a plain scalar is null, a boolean (<c>true</c>, <c>yes</c>, <c>on</c>, …), an integer or a
/// float when it reads as one; quoted scalars are strings. So a number or boolean written where a string belongs
/// reaches the schema check with the type the API server would see.
/// </summary>
internal static partial class KubectlYaml
{
    private static readonly HashSet<string> Nulls = ["", "~", "null", "Null", "NULL"];
    private static readonly HashSet<string> Trues = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly HashSet<string> Falses = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*)$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    public static IReadOnlyList<JsonObject> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => Node(d.RootNode)).OfType<JsonObject>()];
    }

    private static JsonNode? Node(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", Node(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Node)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"unsupported YAML node {node.NodeType}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        if (Nulls.Contains(text)) return null;
        if (Trues.Contains(text)) return JsonValue.Create(true);
        if (Falses.Contains(text)) return JsonValue.Create(false);
        if (Integer().IsMatch(text)) return JsonValue.Create(long.Parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
        if (Float().IsMatch(text)) return JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture));
        return JsonValue.Create(text);
    }
}
