using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube;

/// <summary>JSON merge patch (RFC 7386): objects merge, null removes, anything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target is JsonObject t ? t.DeepClone().AsObject() : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (value is null) result.Remove(key);
            else result[key] = Apply(result[key], value);
        }

        return result;
    }
}
