using System.Globalization;
using System.Text.Json.Nodes;
using MtvConsole.Core.Ports;

namespace MtvConsole.KubeVirt;

/// <summary>
/// Reads a DataVolume object into the engine's <see cref="DataVolumeStatus"/>: the CDI phase, progress
/// ("45.5%"), importer restarts, the Running/Ready condition messages, checkpoints and finalCheckpoint.
/// </summary>
public static class DataVolumeStatusReader
{
    public static DataVolumeStatus Read(JsonObject dv, string? importerTerminationMessage)
    {
        var metadata = dv["metadata"]!;
        var spec = dv["spec"];
        var status = dv["status"];
        var phase = Phase(status?["phase"]?.GetValue<string>());
        var progress = Progress(status?["progress"]?.GetValue<string>(), phase);
        var restarts = status?["restartCount"]?.GetValue<int>() ?? 0;
        var size = Size(spec?["storage"]?["resources"]?["requests"]?["storage"]?.GetValue<string>());
        var checkpoints = (spec?["checkpoints"] as JsonArray ?? [])
            .Select(c => new DataVolumeCheckpoint(c?["previous"]?.GetValue<string>() ?? "", c?["current"]?.GetValue<string>() ?? ""))
            .ToList();
        var message = restarts > 0 && !string.IsNullOrEmpty(importerTerminationMessage)
            ? importerTerminationMessage
            : ConditionMessage(status);
        return new DataVolumeStatus(
            metadata["namespace"]!.GetValue<string>(),
            metadata["name"]!.GetValue<string>(),
            phase,
            progress,
            restarts,
            message,
            checkpoints,
            spec?["finalCheckpoint"]?.GetValue<bool>() ?? false,
            (long)(size * progress / 100));
    }

    public static DataVolumePhase Phase(string? phase) => phase switch
    {
        "ImportScheduled" => DataVolumePhase.ImportScheduled,
        "ImportInProgress" => DataVolumePhase.ImportInProgress,
        "Paused" => DataVolumePhase.Paused,
        "Succeeded" => DataVolumePhase.Succeeded,
        "Failed" => DataVolumePhase.Failed,
        _ => DataVolumePhase.Pending, // Pending, PVCBound, WaitForFirstConsumer, Unknown, empty
    };

    private static double Progress(string? value, DataVolumePhase phase)
    {
        if (phase == DataVolumePhase.Succeeded) return 100;
        if (value is null) return 0;
        var text = value.TrimEnd('%');
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 0, 100) : 0;
    }

    /// <summary>The first non-empty message of the Running, Ready and Bound conditions.</summary>
    private static string ConditionMessage(JsonNode? status)
    {
        var conditions = status?["conditions"] as JsonArray ?? [];
        foreach (var type in new[] { "Running", "Ready", "Bound" })
        {
            var message = conditions.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["message"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(message)) return message;
        }

        return "";
    }

    /// <summary>Bytes of a quantity as CDI storage requests are written (plain bytes, or Ki/Mi/Gi/Ti).</summary>
    public static long Size(string? quantity)
    {
        if (string.IsNullOrEmpty(quantity)) return 0;
        (string Suffix, long Factor)[] units = [("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40), ("k", 1000), ("M", 1000_000), ("G", 1000_000_000)];
        foreach (var (suffix, factor) in units)
        {
            if (quantity.EndsWith(suffix, StringComparison.Ordinal)
                && long.TryParse(quantity[..^suffix.Length], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                return n * factor;
        }

        return long.TryParse(quantity, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? b : 0;
    }
}
