using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;

namespace MtvConsole.KubeVirt;

/// <summary>Owner references, so the garbage collector removes dependents (DataVolumes with their VM).</summary>
internal static class OwnerReferences
{
    public static JsonObject To(string apiVersion, string kind, string name, string uid) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = name,
        ["uid"] = uid,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>Adds the reference to <paramref name="obj"/> unless it is there already; true when it changed.</summary>
    public static bool Add(JsonObject obj, JsonObject reference)
    {
        var metadata = obj["metadata"] as JsonObject ?? throw new InvalidOperationException("object without metadata");
        if (metadata["ownerReferences"] is not JsonArray refs)
        {
            refs = [];
            metadata["ownerReferences"] = refs;
        }

        var uid = reference["uid"]!.GetValue<string>();
        if (refs.Any(r => r?["uid"]?.GetValue<string>() == uid)) return false;
        refs.Add(reference);
        return true;
    }

    /// <summary>
    /// Runs <paramref name="write"/>; an API server refusing a blockOwnerDeletion reference (OwnerReferencesPermissionEnforcement,
    /// 403) becomes an error naming the ClusterRole rule the console's account lacks.
    /// </summary>
    public static async Task<T> ExplainRefusalAsync<T>(string ownerResource, string ownerGroup, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.Forbidden) && e.ServerMessage().Contains("blockOwnerDeletion", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The API server refused an owner reference: {e.ServerMessage()} Add to the console's ClusterRole the rule "
                + $"{{apiGroups: [\"{ownerGroup}\"], resources: [\"{ownerResource}/finalizers\"], verbs: [\"update\"]}}.", e);
        }
    }
}
