namespace MtvConsole.E2E.Tests;

/// <summary>
/// A clock that runs <c>factor</c> times faster than the real one, timers included, so the browser can watch
/// an engine whose intervals are minutes (the precopy interval is at least one) within seconds.
/// </summary>
public sealed class AcceleratedTime(double factor) : TimeProvider
{
    private readonly DateTimeOffset _start = System.GetUtcNow();
    private readonly long _startTimestamp = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _start + System.GetElapsedTime(_startTimestamp) * factor;

    public override long GetTimestamp() => _startTimestamp + (long)((System.GetTimestamp() - _startTimestamp) * factor);

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / factor;

    private sealed class ScaledTimer(ITimer inner, AcceleratedTime time) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(time.Scale(dueTime), time.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
