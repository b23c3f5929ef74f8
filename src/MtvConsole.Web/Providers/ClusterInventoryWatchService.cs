using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.KubeVirt.Inventory;

namespace MtvConsole.Web.Providers;

/// <summary>
/// Watches the inventory of every real OpenShift provider (namespaces, NADs, storage classes and profiles,
/// VirtualMachines) and refreshes the provider's status when something changes, which re-evaluates maps
/// and plans: a NAD that appears makes a waiting network map Ready without waiting for the periodic
/// refresh. Bursts of changes for one provider coalesce into one refresh. The set of watched providers
/// is reconciled every <c>Inventory:WatchReconcileSeconds</c> (default 30).
/// </summary>
internal sealed class ClusterInventoryWatchService(
    IDbContextFactory<MtvDbContext> dbFactory,
    KubeVirtClusters clusters,
    ProviderStatusService status,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<ClusterInventoryWatchService> logger) : BackgroundService
{
    private readonly Dictionary<Guid, (KubeVirt.KubeVirtTargetCluster Cluster, CancellationTokenSource Stop, Task Run)> _watches = [];
    private readonly Channel<Guid> _changed = Channel.CreateUnbounded<Guid>();
    private readonly HashSet<TargetInventoryCache> _subscribed = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var refresher = RefreshChangedAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Inventory:WatchReconcileSeconds", 30))), time);
        try
        {
            do
            {
                try
                {
                    await ReconcileAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Reconciling the watched OpenShift providers failed; retrying on the next tick.");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            foreach (var w in _watches.Values) await w.Stop.CancelAsync();
            await Task.WhenAll(_watches.Values.Select(w => w.Run));
            _changed.Writer.TryComplete();
            await refresher;
        }
    }

    private async Task ReconcileAsync(CancellationToken ct)
    {
        List<Provider> providers;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            providers = (await db.Providers.AsNoTracking().ToListAsync(ct)).Where(KubeVirtClusters.Serves).ToList();
        foreach (var gone in _watches.Keys.Where(id => providers.All(p => p.Id != id)).ToList())
        {
            await StopAsync(gone);
            clusters.Forget(gone);
        }
        foreach (var provider in providers)
        {
            KubeVirt.KubeVirtTargetCluster cluster;
            try
            {
                cluster = clusters.For(provider);
            }
            catch (Core.Ports.ProviderUnavailableException e)
            {
                logger.LogWarning("Provider {Provider}: not watched: {Reason}", provider.Name, e.Message);
                await StopAsync(provider.Id);
                continue;
            }

            if (_watches.TryGetValue(provider.Id, out var running) && ReferenceEquals(running.Cluster, cluster)) continue;
            await StopAsync(provider.Id);
            var cache = cluster.Watched ?? clusters.Cache(provider.Id);
            var id = provider.Id;
            if (_subscribed.Add(cache)) cache.Changed += _ => _changed.Writer.TryWrite(id);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var watcher = new TargetInventoryWatcher(cluster.Client, cache, time,
                (kind, e) => logger.LogWarning("Provider {Provider}: watch of {Kind} failed, retrying: {Error}", provider.Name, kind, e.Message));
            _watches[id] = (cluster, stop, watcher.RunAsync(stop.Token));
        }
    }

    private async Task StopAsync(Guid providerId)
    {
        if (!_watches.Remove(providerId, out var w)) return;
        await w.Stop.CancelAsync();
        await w.Run;
        w.Stop.Dispose();
    }

    /// <summary>Refreshes each changed provider once per burst of changes.</summary>
    private async Task RefreshChangedAsync(CancellationToken ct)
    {
        try
        {
            while (await _changed.Reader.WaitToReadAsync(ct))
            {
                var ids = new HashSet<Guid>();
                while (_changed.Reader.TryRead(out var id)) ids.Add(id);
                foreach (var id in ids)
                {
                    try
                    {
                        await status.RefreshAsync(id, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "Refreshing provider {Provider} after an inventory change failed.", id);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
