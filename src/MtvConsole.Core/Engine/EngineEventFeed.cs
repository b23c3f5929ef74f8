namespace MtvConsole.Core.Engine;

/// <summary>
/// The in-process feed of engine events for the hub and the dashboard pages. A subscriber that throws is
/// skipped; it never breaks the engine.
/// </summary>
public sealed class EngineEventFeed
{
    private readonly object _lock = new();
    private Action<EngineEvent>[] _subscribers = [];

    /// <summary>Subscribes; dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(Action<EngineEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, handler];
        }

        return new Subscription(this, handler);
    }

    public void Publish(EngineEvent e)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(e);
            }
            catch (Exception)
            {
                // A broken page must not stop migrations.
            }
        }
    }

    private void Unsubscribe(Action<EngineEvent> handler)
    {
        lock (_lock)
        {
            _subscribers = _subscribers.Where(s => s != handler).ToArray();
        }
    }

    private sealed class Subscription(EngineEventFeed feed, Action<EngineEvent> handler) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(handler);
    }
}
