using System.Globalization;
using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube;

/// <summary>Reads a number from a JSON node whether it was parsed from text or set in code as any numeric type.</summary>
internal static class JsonNumbers
{
    public static long? Long(JsonNode? node) => node is null ? null : long.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    public static int? Int(JsonNode? node) => node is null ? null : (int)Long(node)!.Value;
}
