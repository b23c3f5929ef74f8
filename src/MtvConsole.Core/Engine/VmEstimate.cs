namespace MtvConsole.Core.Engine;

/// <summary>
/// Per-VM estimates: the measured copy throughput, the time left in the running copy and, for warm VMs,
/// the predicted cutover downtime (the last precopy's delta at the measured rate).
/// </summary>
public sealed record VmEstimate(double BytesPerSecond, TimeSpan? Eta, TimeSpan? PredictedCutoverDowntime)
{
    public static VmEstimate None { get; } = new(0, null, null);
}
