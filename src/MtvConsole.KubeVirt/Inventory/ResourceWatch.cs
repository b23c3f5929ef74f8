using k8s;
using k8s.Autorest;

namespace MtvConsole.KubeVirt.Inventory;

/// <summary>
/// List, then watch from the list's resourceVersion with bookmarks, for one kind. A bookmark or event
/// moves the version forward; a watch that ends is resumed from it; a 410 Gone (the version was
/// compacted) relists. Any other failure is reported and retried after a back-off on the given clock.
/// The relist sits in the same try as the watch (kubernetes-client/csharp#1233); after any other failure
/// the next attempt relists, so nothing missed while disconnected stays missing.
/// </summary>
internal sealed class ResourceWatch<T, TList>(
    string kind,
    Func<string?, bool, CancellationToken, Task<HttpOperationResponse<TList>>> call,
    Func<TList, (IReadOnlyList<T> Items, string? ResourceVersion)> readList,
    Func<T, string?> resourceVersionOf,
    Action<IReadOnlyList<T>> reset,
    Action<WatchEventType, T> apply,
    Action<string, Exception> onFailure,
    TimeProvider time)
{
    public string Kind => kind;

    public int Relists { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        string? version = null;
        var backoff = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    var list = await call(null, false, ct);
                    var (items, rv) = readList(list.Body);
                    reset(items);
                    version = rv;
                    Relists++;
                }

#pragma warning disable CS0618 // WatchAsync over a list call is the documented way to resume from a resourceVersion; kept in this one file.
                await foreach (var (type, item) in call(version, true, ct).WatchAsync<T, TList>(e => throw e, ct))
#pragma warning restore CS0618
                {
                    if (type != WatchEventType.Bookmark) apply(type, item);
                    version = resourceVersionOf(item) ?? version;
                }

                backoff = TimeSpan.FromSeconds(1);
            }
            catch (KubernetesException e) when (e.Status?.Code == 410)
            {
                version = null; // compacted: relist
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The loop must outlive any failure (an HTTP time-out, a bad line, a refused request): report, back off, relist.
                version = null;
                onFailure(kind, e);
                try
                {
                    await Task.Delay(backoff, time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }
}
