using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MtvConsole.FakeKube;

/// <summary>
/// A Kubernetes API server on a free loopback port that KubernetesClient talks to over plain HTTP:
/// discovery, version, namespaced and cluster-scoped create/get/list/update/merge-patch/delete with label
/// selectors, watches with resourceVersion, bookmarks and 410, SelfSubjectAccessReview against
/// <see cref="Rbac"/>, and a bearer-token check. It holds no controllers; see <see cref="FakeCluster"/>.
/// </summary>
public sealed class FakeKubeServer : IAsyncDisposable
{
    public const string GitVersion = "v1.31.4-fake";

    private readonly WebApplication _app;

    private FakeKubeServer(WebApplication app, ObjectStore store)
    {
        _app = app;
        Store = store;
        Admission = new Admission(store, Rbac);
    }

    public ObjectStore Store { get; }

    public Rbac Rbac { get; } = new();

    /// <summary>OpenShift's admission after RBAC: SCCs for pods, owner-reference permissions, namespace id ranges.</summary>
    public Admission Admission { get; }

    /// <summary>Tokens the server accepts; any other (or none) is 401 Unauthorized.</summary>
    public HashSet<string> Tokens { get; } = ["good-token"];

    public Uri Url { get; private set; } = null!;

    /// <summary>How many watch requests have been served (tests use it to see a relist and re-watch).</summary>
    public int WatchRequests;

    /// <summary>How many list requests have been served.</summary>
    public int ListRequests;

    /// <summary>The PEM of the self-signed certificate an HTTPS server presents (its own CA), or null for plain HTTP.</summary>
    public string? CaPem { get; private set; }

    /// <param name="https">Serve HTTPS with a fresh self-signed certificate for 127.0.0.1 (see <see cref="CaPem"/>).</param>
    public static async Task<FakeKubeServer> StartAsync(TimeProvider time, bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var certificate = https ? SelfSignedCertificate.Create() : null;
        if (certificate is null) builder.WebHost.UseUrls("http://127.0.0.1:0");
        else builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeKubeServer(app, new ObjectStore(time)) { CaPem = certificate?.ExportCertificatePem() };
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address);
        return server;
    }

    public IKubernetes Client(string token = "good-token") =>
        new Kubernetes(new KubernetesClientConfiguration { Host = Url.ToString(), AccessToken = token });

    public async ValueTask DisposeAsync()
    {
        Store.CloseWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        try
        {
            var auth = http.Request.Headers.Authorization.ToString();
            if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !Tokens.Contains(auth["Bearer ".Length..]))
                throw new KubeApiException(401, "Unauthorized", "Unauthorized");
            await RouteAsync(http);
        }
        catch (KubeApiException e)
        {
            await WriteAsync(http, e.Code, e.Status());
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException or KeyNotFoundException)
        {
            // A bug in the fake itself: answer with the exception so the failing test shows it.
            await WriteAsync(http, 500, KubeApiException.StatusObject(500, "InternalError", e.ToString()));
        }
    }

    private async Task RouteAsync(HttpContext http)
    {
        var segments = http.Request.Path.Value!.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["version"]:
                await WriteAsync(http, 200, new JsonObject { ["major"] = "1", ["minor"] = "31", ["gitVersion"] = GitVersion, ["platform"] = "linux/amd64" });
                return;
            case ["api"]:
                await WriteAsync(http, 200, new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") });
                return;
            case ["apis"]:
                await WriteAsync(http, 200, GroupList());
                return;
            case ["api", "v1"]:
                await WriteAsync(http, 200, ResourceList("", "v1"));
                return;
            case ["apis", var g, var v]:
                await WriteAsync(http, 200, ResourceList(g, v));
                return;
            case ["apis", "authorization.k8s.io", "v1", "selfsubjectaccessreviews"] when http.Request.Method == "POST":
                await AccessReviewAsync(http);
                return;
            case ["api", "v1", "namespaces", var ns, "pods", var podAndPort, "proxy", .. var proxyPath] when http.Request.Method is "GET" or "POST":
                await PodProxyAsync(http, ns, podAndPort, string.Join('/', proxyPath));
                return;
            case ["api", "v1", .. var rest]:
                await ResourceAsync(http, "", "v1", rest);
                return;
            case ["apis", var group, var version, .. var rest]:
                await ResourceAsync(http, group, version, rest);
                return;
            default:
                throw new KubeApiException(404, "NotFound", "the server could not find the requested resource");
        }
    }

    /// <summary>
    /// What a pod serves on a port and path, for the <c>pods/proxy</c> subresource (e.g. the conversion
    /// pod's metrics); null when nothing listens there. Set by <see cref="FakeCluster"/>.
    /// </summary>
    public Func<string, string, int, string, string?>? PodPorts { get; set; }

    /// <summary>What a pod answers to a POST on a port and path (e.g. the conversion image's <c>/shutdown</c>); null when nothing listens.</summary>
    public Func<string, string, int, string, string?>? PodPosts { get; set; }

    /// <summary>GET /api/v1/namespaces/{ns}/pods/{name}:{port}/proxy/{path}, as the API server proxies it to the pod.</summary>
    private async Task PodProxyAsync(HttpContext http, string ns, string podAndPort, string path)
    {
        var post = http.Request.Method == "POST";
        var verb = post ? "create" : "get";
        if (!Rbac.Allows("", "pods/proxy", verb))
            throw new KubeApiException(403, "Forbidden", $"pods \"{podAndPort}\" is forbidden: User \"system:serviceaccount:mtv:console\" cannot {verb} resource \"pods/proxy\" in API group \"\" in the namespace \"{ns}\"");
        var parts = podAndPort.Split(':', 2);
        var port = parts.Length == 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var p) ? p : 80;
        if (Store.Get(ResourceTypes.Pod, ns, parts[0]) is null) throw KubeApiException.NotFound(ResourceTypes.Pod, parts[0]);
        var body = (post ? PodPosts : PodPorts)?.Invoke(ns, parts[0], port, path)
            ?? throw new KubeApiException(503, "ServiceUnavailable", $"error trying to reach service: dial tcp 10.128.2.17:{port}: connect: connection refused");
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/plain; version=0.0.4";
        await http.Response.WriteAsync(body, Encoding.UTF8);
    }

    private async Task ResourceAsync(HttpContext http, string group, string version, string[] rest)
    {
        // namespaces/{ns}/{plural}[/{name}[/status]] | {plural}[/{name}[/status]]
        string? ns = null;
        string plural;
        string? name = null;
        var status = false;
        if (rest is ["namespaces", _, _, ..] && !(group.Length == 0 && rest is [_, _, "status" or "finalize"]))
        {
            ns = rest[1];
            plural = rest[2];
            name = rest.Length > 3 ? rest[3] : null;
            status = rest.Length > 4 && rest[4] == "status";
        }
        else if (rest.Length >= 1)
        {
            plural = rest[0];
            name = rest.Length > 1 ? rest[1] : null;
            status = rest.Length > 2 && rest[2] == "status";
        }
        else
        {
            throw new KubeApiException(404, "NotFound", "the server could not find the requested resource");
        }

        var type = ResourceTypes.Find(group, version, plural)
            ?? throw new KubeApiException(404, "NotFound", "the server could not find the requested resource");
        if (!type.Namespaced && ns is not null) throw new KubeApiException(404, "NotFound", "the server could not find the requested resource");
        var q = http.Request.Query;
        var method = http.Request.Method;
        var watch = q["watch"] is var w && (w == "true" || w == "1");
        var verb = (method, name, watch) switch
        {
            ("GET", null, true) => "watch",
            ("GET", null, false) => "list",
            ("GET", _, _) => "get",
            ("POST", _, _) => "create",
            ("PUT", _, _) => "update",
            ("PATCH", _, _) => "patch",
            ("DELETE", _, _) => "delete",
            _ => throw new KubeApiException(405, "MethodNotAllowed", $"method {method} not allowed"),
        };
        if (!Rbac.Allows(group, plural, verb))
        {
            var where = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
            throw new KubeApiException(403, "Forbidden",
                $"{type.QualifiedName}{(name is null ? "" : $" \"{name}\"")} is forbidden: User \"system:serviceaccount:mtv:console\" cannot {verb} resource \"{plural}\" in API group \"{group}\" {where}");
        }

        var key = ns ?? "";
        switch (verb)
        {
            case "watch":
                await WatchAsync(http, type, ns);
                return;
            case "list":
                Interlocked.Increment(ref ListRequests);
                var (items, rv) = Store.List(type, ns, LabelSelector.Parse(q["labelSelector"]));
                await WriteAsync(http, 200, new JsonObject
                {
                    ["kind"] = type.Kind + "List",
                    ["apiVersion"] = type.ApiVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
                    ["items"] = new JsonArray([.. items]),
                });
                return;
            case "get":
                await WriteAsync(http, 200, Store.Get(type, key, name!) ?? throw KubeApiException.NotFound(type, name!));
                return;
            case "create":
                var created = Validated(type, await ReadBodyAsync(http), ns, null, verb);
                Admission.Admit(type, ns, created, null);
                created.Remove("status"); // status is written by controllers, never by a create
                await WriteAsync(http, 201, Store.Create(type, key, created));
                return;
            case "update":
                var replaced = Validated(type, await ReadBodyAsync(http), ns, name, verb);
                Admission.Admit(type, ns, replaced, Store.Get(type, key, name!));
                await WriteAsync(http, 200, Store.Replace(type, key, name!, replaced, keepStatus: !status));
                return;
            case "patch":
                var contentType = http.Request.ContentType ?? "";
                if (!contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal)
                    && !contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal))
                    throw new KubeApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json (got {contentType})");
                var current = Store.Get(type, key, name!) ?? throw KubeApiException.NotFound(type, name!);
                var patched = (JsonObject)MergePatch.Apply(current, await ReadBodyAsync(http))!;
                patched["metadata"]!["resourceVersion"] = current["metadata"]!["resourceVersion"]!.DeepClone();
                var validated = Validated(type, patched, ns, name, verb);
                Admission.Admit(type, ns, validated, current);
                await WriteAsync(http, 200, Store.Replace(type, key, name!, validated, keepStatus: !status));
                return;
            case "delete":
                var deleted = Store.Delete(type, key, name!);
                await WriteAsync(http, 200, deleted);
                return;
        }
    }

    private static JsonObject Validated(ResourceType type, JsonObject obj, string? ns, string? expectedName, string verb)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        var kind = obj["kind"]?.GetValue<string>();
        if (apiVersion is not null && apiVersion != type.ApiVersion)
            throw KubeApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        if (kind is not null && kind != type.Kind)
            throw KubeApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        OpenApi.StrictFieldValidation.Enforce(type, obj, verb);
        var meta = obj["metadata"] as JsonObject ?? throw KubeApiException.Invalid(type, "", "metadata: Required value");
        var name = meta["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name)) throw KubeApiException.Invalid(type, "", "metadata.name: Required value: name or generateName is required");
        if (expectedName is not null && name != expectedName)
            throw KubeApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({expectedName})");
        var nameProblem = type == ResourceTypes.Namespace || type == ResourceTypes.VirtualMachine
            ? RequiredFields.Dns1123Label(name)
            : RequiredFields.Dns1123Subdomain(name);
        if (nameProblem is not null) throw KubeApiException.Invalid(type, name, $"metadata.name: Invalid value: \"{name}\": {nameProblem}");
        var objNs = meta["namespace"]?.GetValue<string>();
        if (type.Namespaced && objNs is not null && objNs != ns)
            throw KubeApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        if (type.Validate?.Invoke(obj) is { } problem) throw KubeApiException.Invalid(type, name, problem);
        return obj;
    }

    private async Task WatchAsync(HttpContext http, ResourceType type, string? ns)
    {
        Interlocked.Increment(ref WatchRequests);
        var q = http.Request.Query;
        var selector = LabelSelector.Parse(q["labelSelector"]);
        var bookmarks = q["allowWatchBookmarks"] == "true";
        var since = long.TryParse(q["resourceVersion"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : (long?)null;
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        var ct = http.RequestAborted;
        if (since is null)
        {
            // No version: the current state as ADDED events, then what follows.
            var (items, rv) = Store.List(type, ns, selector);
            foreach (var item in items) await WriteLineAsync(http, new JsonObject { ["type"] = "ADDED", ["object"] = item }, ct);
            since = rv;
        }

        System.Threading.Channels.ChannelReader<WatchEvent> events;
        try
        {
            events = Store.Watch(type, since.Value, ct);
        }
        catch (KubeApiException e)
        {
            await WriteLineAsync(http, new JsonObject { ["type"] = "ERROR", ["object"] = e.Status() }, ct);
            return;
        }

        if (bookmarks) await BookmarkAsync(http, type, Store.ResourceVersion, ct);
        try
        {
            await foreach (var e in events.ReadAllAsync(ct))
            {
                if (e.Type != type || (ns is not null && e.Namespace != ns) || !selector(e.Object)) continue;
                await WriteLineAsync(http, new JsonObject { ["type"] = e.EventType, ["object"] = e.Object.DeepClone() }, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Task BookmarkAsync(HttpContext http, ResourceType type, long rv, CancellationToken ct) =>
        WriteLineAsync(http, new JsonObject
        {
            ["type"] = "BOOKMARK",
            ["object"] = new JsonObject
            {
                ["kind"] = type.Kind,
                ["apiVersion"] = type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
            },
        }, ct);

    private async Task AccessReviewAsync(HttpContext http)
    {
        var review = await ReadBodyAsync(http);
        var attrs = review["spec"]?["resourceAttributes"];
        var group = attrs?["group"]?.GetValue<string>() ?? "";
        var resource = attrs?["resource"]?.GetValue<string>() ?? "";
        if (attrs?["subresource"]?.GetValue<string>() is { Length: > 0 } subresource) resource += "/" + subresource;
        var verb = attrs?["verb"]?.GetValue<string>() ?? "";
        var name = attrs?["name"]?.GetValue<string>();
        var allowed = Rbac.Allows(group, resource, verb, string.IsNullOrEmpty(name) ? null : name);
        review["status"] = new JsonObject { ["allowed"] = allowed, ["reason"] = allowed ? "RBAC: allowed" : "" };
        review["apiVersion"] = "authorization.k8s.io/v1";
        review["kind"] = "SelfSubjectAccessReview";
        await WriteAsync(http, 201, review);
    }

    private static JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. ResourceTypes.All.Where(r => r.Group.Length > 0).Select(r => (r.Group, r.Version)).Append(("authorization.k8s.io", "v1")).Distinct()
            .Select(g => (JsonNode)new JsonObject
            {
                ["name"] = g.Item1,
                ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = $"{g.Item1}/{g.Item2}", ["version"] = g.Item2 }),
                ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{g.Item1}/{g.Item2}", ["version"] = g.Item2 },
            })]),
    };

    private static JsonObject ResourceList(string group, string version)
    {
        var types = ResourceTypes.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (types.Count == 0 && !(group == "authorization.k8s.io" && version == "v1"))
            throw new KubeApiException(404, "NotFound", "the server could not find the requested resource");
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = new JsonArray([.. types.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Kind.ToLowerInvariant(),
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray("create", "delete", "get", "list", "patch", "update", "watch"),
            })]),
        };
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? throw KubeApiException.BadRequest("the request body is not a JSON object");
        }
        catch (JsonException e)
        {
            throw KubeApiException.BadRequest($"the request body is not valid JSON: {e.Message}");
        }
    }

    private static async Task WriteAsync(HttpContext http, int code, JsonObject body)
    {
        http.Response.StatusCode = code;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
    }

    private static async Task WriteLineAsync(HttpContext http, JsonObject line, CancellationToken ct)
    {
        await http.Response.WriteAsync(line.ToJsonString() + "\n", Encoding.UTF8, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
