using System.Text.Json;
using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.OpenApi;

/// <summary>
/// What kube-apiserver does with a KubeVirt (<c>kubevirt.io</c>) or CDI (<c>cdi.kubevirt.io</c>) object sent with
/// <c>fieldValidation=Strict</c>: it decodes it against the CRD schema, refusing unknown fields, then validates
/// types, formats, enums and required fields. The schemas are the upstream OpenAPI documents in <c>Schemas/</c>.
/// Usable without the server: <see cref="Check"/> tells a test whether a manifest would be accepted.
/// </summary>
/// <remarks>
/// Status bodies as kubernetes/kubernetes v1.31 staging/src/k8s.io/apiserver/pkg/endpoints/handlers words them:
/// create/update (create.go, update.go → rest.go <c>transformDecodeError</c>): 400 BadRequest
/// <c>VirtualMachine in version "v1" cannot be handled as a VirtualMachine: strict decoding error: unknown field "spec.foo"</c>;
/// patch (patch.go <c>applyPatchToCurrentObject</c>): 422 Invalid on the field <c>patch</c> with the same strict decoding
/// error; schema violations (apiextensions-apiserver validation): 422 Invalid with one cause per field
/// (<c>FieldValueInvalid</c>, <c>FieldValueRequired</c>, <c>FieldValueNotSupported</c>). A server left at the default
/// <c>fieldValidation=Warn</c> would instead drop the unknown field with a warning, so the console would silently lose
/// a setting: the fake refuses it either way, so that a wrong field name fails a test.
/// Status is left out on create: the strategy of a resource with a status subresource resets it before validation.
/// </remarks>
public static class StrictFieldValidation
{
    /// <summary>The upstream document and definition of a KubeVirt or CDI kind; null for other groups or kinds the documents lack.</summary>
    public static (OpenApiDocument Document, string Definition)? SchemaOf(string? apiVersion, string? kind)
    {
        if (apiVersion?.Split('/') is not [var group, var version] || string.IsNullOrEmpty(kind)) return null;
        var document = group switch
        {
            "kubevirt.io" => OpenApiDocument.KubeVirt,
            "cdi.kubevirt.io" => OpenApiDocument.Cdi,
            _ => null,
        };
        var definition = $"{version}.{kind}";
        return document?.Definition(definition) is null ? null : (document, definition);
    }

    /// <summary>Whether the API group is one this check covers (KubeVirt or CDI).</summary>
    public static bool Covers(string? apiVersion) => apiVersion?.Split('/') is ["kubevirt.io" or "cdi.kubevirt.io", _];

    /// <summary>The schema check of a whole object by its own apiVersion and kind; null when there is no schema for it.</summary>
    public static SchemaCheck? Check(JsonObject obj, bool includeStatus = true)
    {
        var schema = SchemaOf(obj["apiVersion"]?.GetValue<string>(), obj["kind"]?.GetValue<string>());
        if (schema is null) return null;
        var body = obj;
        if (!includeStatus && obj.ContainsKey("status"))
        {
            body = obj.DeepClone().AsObject();
            body.Remove("status");
        }

        return SchemaValidator.Check(schema.Value.Document, schema.Value.Definition, body);
    }

    /// <summary>Refuses <paramref name="obj"/> (after a patch is applied, for a patch) as the real server would.</summary>
    /// <param name="verb"><c>create</c>, <c>update</c> or <c>patch</c>.</param>
    public static void Enforce(ResourceType type, JsonObject obj, string verb)
    {
        var withKind = obj.DeepClone().AsObject();
        withKind["apiVersion"] = type.ApiVersion;
        withKind["kind"] = type.Kind;
        var check = Check(withKind, includeStatus: verb != "create");
        if (check is null || check.Passed) return;
        if (check.UnknownFields.Count > 0)
        {
            var strict = "strict decoding error: " + string.Join(", ", check.UnknownFields.Select(f => $"unknown field \"{f}\""));
            if (verb != "patch")
                throw KubeApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {strict}");
            var body = $"Invalid value: {JsonSerializer.Serialize(obj.ToJsonString())}: {strict}";
            throw new KubeApiException(422, "Invalid", $" \"\" is invalid: patch: {body}")
            {
                Details = new JsonObject { ["causes"] = new JsonArray(Cause(new FieldError(FieldError.InvalidReason, "patch", body))) },
            };
        }

        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? "";
        var errors = check.Errors.Select(e => e.ToString()).ToList();
        var detail = errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]";
        var invalid = KubeApiException.Invalid(type, name, detail);
        throw new KubeApiException(invalid.Code, invalid.Reason, invalid.Message)
        {
            Details = new JsonObject
            {
                ["name"] = name,
                ["group"] = type.Group,
                ["kind"] = type.Kind,
                ["causes"] = new JsonArray([.. check.Errors.Select(e => (JsonNode)Cause(e))]),
            },
        };
    }

    private static JsonObject Cause(FieldError e) => new() { ["reason"] = e.Reason, ["message"] = e.Body, ["field"] = e.Field };
}
