using System.Text.Json.Nodes;

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
}
