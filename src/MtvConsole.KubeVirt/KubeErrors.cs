using System.Net;
using k8s.Autorest;

namespace MtvConsole.KubeVirt;

/// <summary>Reads REST failures of the Kubernetes API: status codes and the API server's own message.</summary>
internal static class KubeErrors
{
    public static bool Is(this HttpOperationException e, HttpStatusCode code) => e.Response?.StatusCode == code;

    /// <summary>The <c>message</c> of the Status object the API server answered with, or the raw body.</summary>
    public static string ServerMessage(this HttpOperationException e)
    {
        var body = e.Response?.Content;
        if (string.IsNullOrWhiteSpace(body)) return e.Message;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } text) return text;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return body.Length > 300 ? body[..300] : body;
    }

    /// <summary>Runs a read; a 404 becomes null.</summary>
    public static async Task<T?> OrNullAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    /// <summary>Runs a delete; a 404 (already gone) is success.</summary>
    public static async Task IgnoreNotFoundAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.NotFound))
        {
        }
    }
}
