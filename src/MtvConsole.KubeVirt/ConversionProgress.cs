using System.Globalization;
using System.Text.RegularExpressions;

namespace MtvConsole.KubeVirt;

/// <summary>
/// Reads the conversion pod's progress from its Prometheus metrics (reference §4.3: port 2112,
/// <c>v2v_disk_transfers{disk_id="N"} &lt;percent&gt;</c>): the mean over the disks it reports, or null
/// when it reports none.
/// </summary>
public static partial class ConversionProgress
{
    public static double? Parse(string metrics, int diskCount)
    {
        var percents = new Dictionary<string, double>();
        foreach (Match m in DiskTransfer().Matches(metrics))
        {
            if (double.TryParse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                percents[m.Groups["disk"].Value] = Math.Clamp(value, 0, 100);
        }

        if (percents.Count == 0) return null;
        return percents.Values.Sum() / Math.Max(diskCount, percents.Count);
    }

    [GeneratedRegex(@"^v2v_disk_transfers\{[^}]*disk_id=""(?<disk>[^""]+)""[^}]*\}\s+(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex DiskTransfer();
}
