namespace MtvConsole.Web.Dashboard;

/// <summary>
/// The in-process side of the dispatcher: pages subscribe here for the same batches the hub sends.
/// A subscriber that throws is skipped; it never stops the dispatcher.
/// </summary>
public sealed class DashboardFeed
{
    private readonly object _lock = new();
    private Subscriber[] _subscribers = [];

    public IDisposable Subscribe(Action<ProgressBatchDto> onBatch, Action<ValidationFlagsDto>? onFlags = null)
    {
        var subscriber = new Subscriber(this, onBatch, onFlags);
        lock (_lock) _subscribers = [.. _subscribers, subscriber];
        return subscriber;
    }

    public void Publish(ProgressBatchDto batch)
    {
        foreach (var s in Volatile.Read(ref _subscribers)) Try(() => s.OnBatch(batch));
    }

    public void Publish(ValidationFlagsDto flags)
    {
        foreach (var s in Volatile.Read(ref _subscribers)) Try(() => s.OnFlags?.Invoke(flags));
    }

    private static void Try(Action action)
    {
        try
        {
            action();
        }
        catch (Exception)
        {
            // A broken page must not stop the dashboard for everyone else.
        }
    }

    private sealed class Subscriber(DashboardFeed feed, Action<ProgressBatchDto> onBatch, Action<ValidationFlagsDto>? onFlags) : IDisposable
    {
        public Action<ProgressBatchDto> OnBatch => onBatch;

        public Action<ValidationFlagsDto>? OnFlags => onFlags;

        public void Dispose()
        {
            lock (feed._lock) feed._subscribers = feed._subscribers.Where(s => s != this).ToArray();
        }
    }
}
