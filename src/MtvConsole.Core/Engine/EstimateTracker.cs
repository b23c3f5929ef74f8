using System.Collections.Concurrent;

namespace MtvConsole.Core.Engine;

/// <summary>Turns successive copy readings of a VM into throughput, ETA and predicted cutover downtime.</summary>
internal sealed class EstimateTracker
{
    private readonly ConcurrentDictionary<Guid, (CopyReading Reading, DateTimeOffset At, double Rate, double PercentRate, VmEstimate Estimate)> _last = new();

    public VmEstimate Get(Guid vmStatusId) => _last.TryGetValue(vmStatusId, out var last) ? last.Estimate : VmEstimate.None;

    public VmEstimate Update(Guid vmStatusId, CopyReading reading, DateTimeOffset now, long? lastPrecopyBytes)
    {
        double rate = 0, percentRate = 0;
        if (_last.TryGetValue(vmStatusId, out var last))
        {
            (rate, percentRate) = (last.Rate, last.PercentRate);
            var seconds = (now - last.At).TotalSeconds;
            if (seconds > 0 && reading.Bytes > last.Reading.Bytes) rate = (reading.Bytes - last.Reading.Bytes) / seconds;
            if (seconds > 0 && reading.Percent > last.Reading.Percent) percentRate = (reading.Percent - last.Reading.Percent) / seconds;
        }

        TimeSpan? eta = reading.Percent >= 100 ? TimeSpan.Zero : percentRate > 0 ? TimeSpan.FromSeconds((100 - reading.Percent) / percentRate) : null;
        TimeSpan? downtime = rate > 0 && lastPrecopyBytes is { } delta ? TimeSpan.FromSeconds(delta / rate) : null;
        var estimate = new VmEstimate(rate, eta, downtime);
        _last[vmStatusId] = (reading, now, rate, percentRate, estimate);
        return estimate;
    }
}
