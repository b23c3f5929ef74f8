using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace MtvConsole.Vsphere.Tests.Resilience;

/// <summary>A fake clock that reports every timer created on it, so a test advances time only once a delay is really waiting.</summary>
public sealed class TimerWatchingTime : FakeTimeProvider
{
    public Channel<TimeSpan> Timers { get; } = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits for a timer whose due time is none of <paramref name="ignored"/> (the call limits) and returns it.</summary>
    public async Task<TimeSpan> NextTimerAsync(params TimeSpan[] ignored)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var due = await Timers.Reader.ReadAsync(limit.Token);
            if (!ignored.Contains(due) && due != Timeout.InfiniteTimeSpan) return due;
        }
    }
}
