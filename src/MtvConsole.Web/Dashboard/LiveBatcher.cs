using System.Threading.Channels;

namespace MtvConsole.Web.Dashboard;

/// <summary>
/// Collects items posted from any thread and hands them to <c>apply</c> in batches, at most one batch per
/// <c>minInterval</c> (the Aspire Dashboard's pattern), so a page renders once per batch, not once per change.
/// The owning component disposes it, which ends the loop and waits for it.
/// </summary>
public sealed class LiveBatcher<T> : IAsyncDisposable
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _minInterval;
    private readonly Func<IReadOnlyList<T>, Task> _apply;
    private readonly Task _loop;

    public LiveBatcher(TimeProvider time, TimeSpan minInterval, Func<IReadOnlyList<T>, Task> apply)
    {
        (_time, _minInterval, _apply) = (time, minInterval, apply);
        _loop = RunAsync();
    }

    public void Post(T item) => _channel.Writer.TryWrite(item);

    private async Task RunAsync()
    {
        await Task.Yield();
        var last = DateTimeOffset.MinValue;
        try
        {
            while (await _channel.Reader.WaitToReadAsync(_stop.Token))
            {
                var wait = last == DateTimeOffset.MinValue ? TimeSpan.Zero : last + _minInterval - _time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, _stop.Token);
                var batch = new List<T>();
                while (_channel.Reader.TryRead(out var item)) batch.Add(item);
                last = _time.GetUtcNow();
                try
                {
                    await _apply(batch);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A page that fails to apply one batch gets the next one; the circuit reports its own errors.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
