using System.Text;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// Names of what the engine creates on the target. They depend only on the plan and the VM, so a resumed
/// engine finds (adopts) what it made before, and a restart finds the leftovers of an earlier attempt.
/// </summary>
public static class MigrationNames
{
    public static string Prefix(Plan plan) => Label(plan.Name, 24);

    public static string DataVolume(Plan plan, string vmId, int diskKey) => Label($"{Prefix(plan)}-{vmId}-{diskKey}", 63);

    public static string ConversionPod(Plan plan, string vmId) => Label($"{Prefix(plan)}-{vmId}-v2v", 63);

    /// <summary>The per-VM Secret with the source credentials the importer reads.</summary>
    public static string VddkSecret(Plan plan, string vmId) => Label($"{Prefix(plan)}-{vmId}-vddk", 63);

    public static string HookJob(Plan plan, string vmId, HookStep step) =>
        Label($"{Prefix(plan)}-{vmId}-{(step == HookStep.PreHook ? "prehook" : "posthook")}", 63);

    /// <summary>The target VM name: the source name as a DNS-1123 label.</summary>
    public static string TargetVm(string sourceName) => Label(sourceName, 63);

    public const string SnapshotName = "forklift-migration-precopy";
    public const string SnapshotDescription = "Forklift Operator warm migration precopy";

    private static string Label(string value, int max)
    {
        var b = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            b.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        }

        var s = b.ToString();
        while (s.Contains("--", StringComparison.Ordinal)) s = s.Replace("--", "-", StringComparison.Ordinal);
        s = s.Trim('-');
        if (s.Length > max) s = s[..max].TrimEnd('-');
        return s.Length == 0 ? "vm" : s;
    }
}
