using System.Threading.Channels;

namespace MtvConsole.Web.Hosting;

/// <summary>
/// A request to do some work again, where a burst of requests made while the work runs coalesces into
/// one more run. A hosted service awaits <see cref="WaitAllAsync"/> so no run outlives the app.
/// </summary>
internal sealed class CoalescedTrigger
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Request() => _requests.Writer.TryWrite(true);

    /// <summary>Runs <paramref name="work"/> once per (coalesced) request until stopped; a failed run is logged and the loop goes on.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> work, ILogger logger, string what, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await work(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "{What} failed.", what);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
