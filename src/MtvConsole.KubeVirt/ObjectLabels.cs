namespace MtvConsole.KubeVirt;

/// <summary>The labels the engine puts on everything it creates for a VM, and the selector that finds them again.</summary>
public static class ObjectLabels
{
    public const string Plan = "plan";
    public const string Migration = "migration";
    public const string VmId = "vmID";

    /// <summary>True when <paramref name="existing"/> carries the same plan and vmID labels: our own object from an earlier attempt.</summary>
    public static bool SameOwner(IDictionary<string, string>? existing, IReadOnlyDictionary<string, string> wanted)
    {
        if (!wanted.TryGetValue(VmId, out var vmId) || existing is null) return false;
        return existing.TryGetValue(VmId, out var v) && v == vmId
            && (!wanted.TryGetValue(Plan, out var plan) || (existing.TryGetValue(Plan, out var p) && p == plan));
    }

    /// <summary>A label selector for one VM of one plan.</summary>
    public static string Selector(string planId, string vmId) => $"{Plan}={planId},{VmId}={vmId}";
}
