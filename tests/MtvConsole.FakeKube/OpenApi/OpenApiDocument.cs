using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.OpenApi;

/// <summary>
/// One upstream swagger 2.0 document embedded from <c>Schemas/</c> (see its README for origin, commit and
/// licence): its <c>definitions</c>, looked up by name or by a <c>#/definitions/…</c> reference.
/// </summary>
public sealed class OpenApiDocument
{
    private static readonly ConcurrentDictionary<string, OpenApiDocument> Loaded = new(StringComparer.Ordinal);

    private readonly JsonObject _definitions;

    private OpenApiDocument(string resource, JsonObject definitions)
    {
        Resource = resource;
        _definitions = definitions;
    }

    /// <summary>kubevirt/kubevirt api/openapi-spec/swagger.json @ d923fdb815.</summary>
    public static OpenApiDocument KubeVirt => Load("kubevirt-swagger.json");

    /// <summary>kubevirt/containerized-data-importer api/openapi-spec/swagger.json @ c07cdb6fb.</summary>
    public static OpenApiDocument Cdi => Load("cdi-swagger.json");

    /// <summary>The embedded file name, for messages.</summary>
    public string Resource { get; }

    public JsonObject? Definition(string name) => _definitions[name] as JsonObject;

    /// <summary>The definition name a <c>$ref</c> points at (<c>#/definitions/v1.DomainSpec</c> → <c>v1.DomainSpec</c>).</summary>
    public static string RefName(string reference) =>
        reference.StartsWith("#/definitions/", StringComparison.Ordinal)
            ? reference["#/definitions/".Length..]
            : throw new InvalidOperationException($"unsupported $ref '{reference}': only #/definitions/… references are used by the upstream documents");

    private static OpenApiDocument Load(string file) => Loaded.GetOrAdd(file, f =>
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream($"MtvConsole.FakeKube.Schemas.{f}")
            ?? throw new InvalidOperationException($"the schema {f} is not embedded in MtvConsole.FakeKube (see Schemas/README.md)");
        var root = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidOperationException($"{f} is not a JSON object");
        return new OpenApiDocument(f, root["definitions"] as JsonObject ?? throw new InvalidOperationException($"{f} has no definitions"));
    });
}
