using System.Text.Json;

namespace MtvConsole.Core.Validation;

/// <summary>
/// Reads and writes workloads in Forklift's inventory JSON shape (camelCase). Accepts the bare workload or
/// OPA's envelope <c>{"input": workload}</c>.
/// </summary>
public static class WorkloadJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Parses a workload; on failure returns null and the reason.</summary>
    public static (Workload? Workload, string? Problem) Parse(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, $"The body is not JSON: {e.Message}");
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("input", out var input)) root = input;
        if (root.ValueKind != JsonValueKind.Object) return (null, "The body must be a JSON object: one VM workload (or {\"input\": workload}).");
        if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            return (null, "No VM name found in input body: the workload needs \"name\" as a string.");
        try
        {
            return (root.Deserialize<Workload>(Options), null);
        }
        catch (JsonException e)
        {
            return (null, $"The workload does not have Forklift's inventory shape at {e.Path}: {FirstLine(e.Message)}");
        }
    }

    public static JsonElement ToElement(Workload workload) => JsonSerializer.SerializeToElement(workload, Options);

    private static string FirstLine(string message) => message.Split('\n')[0].Split(" Path: ")[0];
}
