using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MtvConsole.FakeKube.OpenApi;

/// <summary>What a document broke: fields the schema does not know, and values of the wrong type or missing.</summary>
public sealed record SchemaCheck(IReadOnlyList<string> UnknownFields, IReadOnlyList<FieldError> Errors)
{
    public bool Passed => UnknownFields.Count == 0 && Errors.Count == 0;

    /// <summary>Every problem on its own line, unknown fields first: what a test prints when a manifest is refused.</summary>
    public IEnumerable<string> Describe() =>
        UnknownFields.Select(f => $"unknown field \"{f}\"").Concat(Errors.Select(e => e.ToString()));
}

/// <summary>
/// Checks a JSON value against a definition of an <see cref="OpenApiDocument"/> the way a CRD's structural
/// schema is enforced by kube-apiserver: <c>$ref</c>, <c>type</c>, <c>format</c>, <c>enum</c>, <c>items</c>,
/// <c>properties</c>, <c>additionalProperties</c> and <c>required</c>; any field not in the schema is
/// unknown (strict field validation); <c>null</c> counts as absent (the server prunes nulls of non-nullable
/// fields before validating).
/// </summary>
/// <remarks>
/// Follows kubernetes/kubernetes v1.31 staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/validation/validation.go
/// (kube-openapi errors → field errors: type → <c>Invalid value: "&lt;type&gt;": &lt;path&gt; in body must be of type …</c>,
/// enum → <c>Unsupported value</c>, required → <c>Required value</c>) and the CRD schemas KubeVirt and CDI generate
/// from the same Go types, where <c>resource.Quantity</c> and <c>intstr.IntOrString</c> are
/// <c>anyOf: [integer, string]</c> with <c>x-kubernetes-int-or-string</c> (quantities also carry the quantity pattern),
/// and <c>runtime.RawExtension</c> / <c>FieldsV1</c> preserve unknown fields.
/// </remarks>
public sealed partial class SchemaValidator(OpenApiDocument document)
{
    // The pattern controller-gen puts on every resource.Quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go OpenAPISchemaFormat / CRD generators).
    [GeneratedRegex(@"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$")]
    private static partial Regex QuantityPattern();

    private readonly List<string> _unknown = [];
    private readonly List<FieldError> _errors = [];

    /// <summary>Checks <paramref name="value"/> (a whole object, or a part at <paramref name="path"/>) against <paramref name="definition"/>.</summary>
    public static SchemaCheck Check(OpenApiDocument document, string definition, JsonNode? value, string path = "")
    {
        var validator = new SchemaValidator(document);
        var schema = document.Definition(definition) ?? throw new InvalidOperationException($"{document.Resource} has no definition '{definition}'");
        validator.Node(value, schema, definition, path);
        return new SchemaCheck([.. validator._unknown.Order(StringComparer.Ordinal)], validator._errors);
    }

    private void Node(JsonNode? value, JsonObject schema, string? definition, string path)
    {
        if (value is null) return;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = OpenApiDocument.RefName(reference);
            var target = document.Definition(name) ?? throw new InvalidOperationException($"{document.Resource}: dangling $ref {reference}");
            Node(value, target, name, path);
            return;
        }

        if (definition is not null && Special(value, definition, path)) return;
        var types = Types(schema);
        if (types.Count > 0 && !types.Any(t => Is(value, t)))
        {
            TypeError(value, path, string.Join(",", types));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            _errors.Add(new FieldError(FieldError.NotSupportedReason, path,
                $"Unsupported value: {Quote(value)}: supported values: {string.Join(", ", allowed.Select(a => Quote(a)))}"));
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                Object(obj, schema, path);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++) Node(array[i], items, null, $"{path}[{i}]");
                break;
            case JsonValue v:
                Format(v, schema["format"]?.GetValue<string>(), path);
                break;
        }
    }

    private void Object(JsonObject obj, JsonObject schema, string path)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        foreach (var (key, child) in obj)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (properties?[key] is JsonObject property) Node(child, property, null, childPath);
            else if (additional is not null) Node(child, additional, null, childPath);
            else _unknown.Add(childPath);
        }

        foreach (var required in schema["required"] as JsonArray ?? [])
        {
            var name = required!.GetValue<string>();
            if (obj[name] is null) _errors.Add(new FieldError(FieldError.RequiredReason, path.Length == 0 ? name : $"{path}.{name}", "Required value"));
        }
    }

    /// <summary>The definitions whose CRD schema is not their swagger shape; true when handled.</summary>
    private bool Special(JsonNode value, string definition, string path)
    {
        if (definition.EndsWith("runtime.RawExtension", StringComparison.Ordinal) || definition.EndsWith("v1.FieldsV1", StringComparison.Ordinal))
        {
            // x-kubernetes-preserve-unknown-fields: any object.
            if (value is not JsonObject) TypeError(value, path, "object");
            return true;
        }

        var quantity = definition.EndsWith("resource.Quantity", StringComparison.Ordinal);
        if (!quantity && !definition.EndsWith("intstr.IntOrString", StringComparison.Ordinal)) return false;
        if (Is(value, "integer")) return true;
        if (!Is(value, "string"))
        {
            TypeError(value, path, "integer,string");
            return true;
        }

        var text = value.GetValue<string>();
        if (quantity && !QuantityPattern().IsMatch(text))
            _errors.Add(new FieldError(FieldError.InvalidReason, path, $"Invalid value: {Quote(value)}: {path} in body should match '{QuantityPattern()}'"));
        return true;
    }

    private void Format(JsonValue value, string? format, string path)
    {
        switch (format)
        {
            case "int32" or "int64" when value.GetValueKind() == JsonValueKind.Number && OutOfRange(value, format):
                // The CRD schema does not bound integers; the Go type does, and KubeVirt's and CDI's webhooks decode into it.
                _errors.Add(new FieldError(FieldError.InvalidReason, path, $"Invalid value: {value.ToJsonString()}: {path} in body must be of type {format}: \"{value.ToJsonString()}\""));
                break;
            case "date-time" when value.GetValueKind() == JsonValueKind.String
                && !DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _):
                _errors.Add(new FieldError(FieldError.InvalidReason, path, $"Invalid value: {Quote(value)}: {path} in body must be of type date-time: {Quote(value)}"));
                break;
        }
    }

    private static bool OutOfRange(JsonValue value, string format)
    {
        if (!decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return true;
        return format == "int32" ? n is < int.MinValue or > int.MaxValue : n is < long.MinValue or > long.MaxValue;
    }

    private void TypeError(JsonNode value, string path, string expected)
    {
        var actual = TypeName(value);
        _errors.Add(new FieldError(FieldError.InvalidReason, path, $"Invalid value: \"{actual}\": {path} in body must be of type {expected}: \"{actual}\""));
    }

    private static List<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray a => [.. a.Select(t => t!.GetValue<string>())],
        JsonValue v => [v.GetValue<string>()],
        _ => [],
    };

    private static bool Is(JsonNode value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue s && s.GetValueKind() == JsonValueKind.String,
        "boolean" => value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => value is JsonValue n && n.GetValueKind() == JsonValueKind.Number,
        "integer" => value is JsonValue i && i.GetValueKind() == JsonValueKind.Number && IsIntegral(i),
        _ => throw new InvalidOperationException($"unsupported schema type '{type}'"),
    };

    // go-openapi validate/type.go: a JSON number with no fraction is an integer (swag.IsFloat64AJSONInteger).
    private static bool IsIntegral(JsonValue v) =>
        decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? decimal.Truncate(d) == d : double.IsInteger(double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture));

    private static string TypeName(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsIntegral(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    private static string Quote(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? JsonSerializer.Serialize(v.GetValue<string>()) : value?.ToJsonString() ?? "null";
}
