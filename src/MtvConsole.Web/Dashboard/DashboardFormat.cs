using MtvConsole.Core.Engine;

namespace MtvConsole.Web.Dashboard;

/// <summary>How the dashboard writes sizes, rates, durations, times and step names.</summary>
public static class DashboardFormat
{
    public static string GiB(long mib) => (mib / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Transfer(long completedMiB, long totalMiB) => totalMiB <= 0 ? "–" : $"{GiB(completedMiB)} / {GiB(totalMiB)} GiB";

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };

    public static string Rate(double bytesPerSecond) => bytesPerSecond <= 0 ? "–" : $"{Bytes((long)bytesPerSecond)}/s";

    public static string Duration(TimeSpan? span) => span switch
    {
        null => "–",
        { TotalHours: >= 1 } s => $"{(int)s.TotalHours}h {s.Minutes:00}m",
        { TotalMinutes: >= 1 } s => $"{s.Minutes}m {s.Seconds:00}s",
        { } s => $"{Math.Max(0, (int)Math.Ceiling(s.TotalSeconds))}s",
    };

    public static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "–";

    /// <summary>"in 12 min" (rounded up), or "due now" once the time has come.</summary>
    public static string Until(DateTimeOffset at, DateTimeOffset now) =>
        at <= now ? "due now" : $"in {(int)Math.Ceiling((at - now).TotalMinutes)} min";

    public static string StepName(string step) => step switch
    {
        PipelineSteps.Initialize => "Initialize",
        PipelineSteps.PreHook => "Pre-migration hook",
        PipelineSteps.DiskTransfer => "Disk transfer",
        PipelineSteps.Cutover => "Cutover",
        PipelineSteps.ImageConversion => "Image conversion",
        PipelineSteps.VirtualMachineCreation => "Virtual machine creation",
        PipelineSteps.PostHook => "Post-migration hook",
        _ => step,
    };
}
