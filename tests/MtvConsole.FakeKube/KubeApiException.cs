using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube;

/// <summary>A failure the fake answers with a Kubernetes Status object.</summary>
public sealed class KubeApiException(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;

    /// <summary>The Status <c>details</c> (name, group, kind, causes) the real server adds to some failures, e.g. 422 Invalid.</summary>
    public JsonObject? Details { get; init; }

    public JsonObject Status()
    {
        var status = StatusObject(Code, Reason, Message);
        if (Details is not null) status["details"] = Details.DeepClone();
        return status;
    }

    public static JsonObject StatusObject(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    public static KubeApiException NotFound(ResourceType r, string name) => new(404, "NotFound", $"{r.QualifiedName} \"{name}\" not found");

    public static KubeApiException AlreadyExists(ResourceType r, string name) => new(409, "AlreadyExists", $"{r.QualifiedName} \"{name}\" already exists");

    public static KubeApiException Conflict(ResourceType r, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {r.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");

    public static KubeApiException Invalid(ResourceType r, string name, string detail) => new(422, "Invalid", $"{r.Kind}.{(r.Group.Length == 0 ? "" : r.Group)} \"{name}\" is invalid: {detail}".Replace(". \"", " \"", StringComparison.Ordinal));

    public static KubeApiException BadRequest(string message) => new(400, "BadRequest", message);
}
