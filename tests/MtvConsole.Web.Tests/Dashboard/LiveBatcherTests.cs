using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Web.Dashboard;

namespace MtvConsole.Web.Tests.Dashboard;

/// <summary>The pages' update batching: the first change shows at once, later ones at most once per 100 ms, together.</summary>
public sealed class LiveBatcherTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Changes_arriving_within_the_interval_are_applied_together_once_the_interval_has_passed()
    {
        var time = new TimerSignallingTime();
        var applied = Channel.CreateUnbounded<IReadOnlyList<int>>();
        await using var batcher = new LiveBatcher<int>(time, TimeSpan.FromMilliseconds(100), batch =>
        {
            applied.Writer.TryWrite(batch);
            return Task.CompletedTask;
        });

        batcher.Post(1);
        Assert.Equal([1], await applied.Reader.ReadAsync().AsTask().WaitAsync(Guard));

        batcher.Post(2);
        await time.TimerCreated.WaitAsync(Guard); // the batcher now waits out the rest of the interval
        batcher.Post(3);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(applied.Reader.TryRead(out _));

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([2, 3], await applied.Reader.ReadAsync().AsTask().WaitAsync(Guard));
    }

    [Fact]
    public async Task A_batch_that_fails_to_apply_does_not_stop_the_next_one()
    {
        var time = new TimerSignallingTime();
        var applied = Channel.CreateUnbounded<IReadOnlyList<int>>();
        await using var batcher = new LiveBatcher<int>(time, TimeSpan.FromMilliseconds(100), batch =>
        {
            applied.Writer.TryWrite(batch);
            return batch.Contains(1) ? throw new InvalidOperationException("render failed") : Task.CompletedTask;
        });

        batcher.Post(1);
        Assert.Equal([1], await applied.Reader.ReadAsync().AsTask().WaitAsync(Guard));
        batcher.Post(2);
        await time.TimerCreated.WaitAsync(Guard);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([2], await applied.Reader.ReadAsync().AsTask().WaitAsync(Guard));
    }

    /// <summary>A fake clock that signals each timer created, so a test knows the batcher is waiting.</summary>
    private sealed class TimerSignallingTime : FakeTimeProvider
    {
        public SemaphoreSlim TimerCreated { get; } = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerCreated.Release();
            return timer;
        }
    }
}
