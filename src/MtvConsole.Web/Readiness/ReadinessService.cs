using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Readiness;
using MtvConsole.Core.Resources;
using MtvConsole.Core.Validation;
using MtvConsole.Data;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Readiness;

/// <summary>
/// Re-evaluates the conditions of every host migration network, hook, map and plan against the current inventories. Runs after
/// each inventory refresh and after every edit, so a map becomes Ready by itself when its missing NAD
/// appears, and plans follow their maps. Passes are serialized.
/// </summary>
public sealed class ReadinessService(
    IDbContextFactory<MtvDbContext> dbFactory,
    IProviderAdapters adapters,
    IConcernStore concerns,
    IAcknowledgementStore acknowledgements,
    MtvConsole.Web.Providers.SecretStore secrets,
    HostConnectionTester connectionTester,
    VddkImageChecks vddkImageChecks,
    TimeProvider time,
    ILogger<ReadinessService> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public event Action? Changed;

    public async Task RevalidateAllAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // The engine saves run status on plans meanwhile; a stale save is retried on fresh rows.
            await ConcurrencyRetry.RunAsync(() => RevalidateOnceAsync(ct));
        }
        finally
        {
            _gate.Release();
        }
        Changed?.Invoke();
    }

    private async Task RevalidateOnceAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var inventories = new InventoryCache(adapters, logger);
        var now = time.GetUtcNow();

        // Host migration networks follow their provider's inventory (a host or adapter that disappears), and their
        // connection is tested again once the last result is older than the tester's RetestAfter.
        var hostSecrets = await db.Secrets.AsNoTracking().Where(x => db.Hosts.Any(h => h.SecretId == x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var migrationHosts = await db.Hosts.ToListAsync(ct);
        foreach (var host in migrationHosts)
        {
            if (providers.GetValueOrDefault(host.ProviderId) is not { } owner) continue;
            var secret = host.SecretId is { } id ? hostSecrets.GetValueOrDefault(id) : null;
            var inventory = await inventories.SourceAsync(owner, ct);
            var check = await connectionTester.CheckAsync(host, owner, inventory, secret is null ? null : secrets.Read(secret), force: false, ct);
            HostValidator.Apply(host, owner, inventory, secrets.Keys(secret), now, check);
        }

        var hooks = await db.Hooks.ToDictionaryAsync(h => h.Id, ct);
        foreach (var hook in hooks.Values) HookValidator.Validate(hook, now);

        var networkMaps = await db.NetworkMaps.ToDictionaryAsync(m => m.Id, ct);
        foreach (var map in networkMaps.Values)
        {
            var (source, destination) = (providers.GetValueOrDefault(map.SourceProviderId), providers.GetValueOrDefault(map.DestinationProviderId));
            NetworkMapValidator.Validate(map, source, destination, await inventories.SourceAsync(source, ct), await inventories.TargetAsync(destination, ct), now);
        }

        var storageMaps = await db.StorageMaps.ToDictionaryAsync(m => m.Id, ct);
        foreach (var map in storageMaps.Values)
        {
            var (source, destination) = (providers.GetValueOrDefault(map.SourceProviderId), providers.GetValueOrDefault(map.DestinationProviderId));
            StorageMapValidator.Validate(map, source, destination, await inventories.SourceAsync(source, ct), await inventories.TargetAsync(destination, ct), now);
        }

        foreach (var plan in await db.Plans.ToListAsync(ct))
        {
            var (source, destination) = (providers.GetValueOrDefault(plan.SourceProviderId), providers.GetValueOrDefault(plan.DestinationProviderId));
            var context = new PlanContext(source, destination,
                plan.NetworkMapId is { } n ? networkMaps.GetValueOrDefault(n) : null,
                plan.StorageMapId is { } s ? storageMaps.GetValueOrDefault(s) : null,
                hooks, await inventories.SourceAsync(source, ct), await inventories.TargetAsync(destination, ct),
                await MigratedVmIdsAsync(db, plan.Id, ct))
            {
                CriticalConcerns = ids => [.. CriticalConcernBlockers.Find(concerns, acknowledgements, plan.SourceProviderId, ids).SelectMany(b => b.Items)],
                MigrationHosts = [.. migrationHosts.Where(h => h.ProviderId == plan.SourceProviderId)],
                VddkImageCheck = await vddkImageChecks.CheckAsync(db, plan, source, destination, now, ct),
            };
            PlanValidator.Validate(plan, context, now);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>VMs this plan already migrated successfully in an earlier run.</summary>
    private static async Task<IReadOnlySet<string>> MigratedVmIdsAsync(MtvDbContext db, Guid planId, CancellationToken ct)
    {
        var statuses = await db.VmStatuses.AsNoTracking()
            .Where(v => db.Migrations.Any(m => m.Id == v.MigrationId && m.PlanId == planId) && v.Completed != null)
            .ToListAsync(ct);
        return statuses.Where(v => v.HasCondition(ConditionTypes.Succeeded)).Select(v => v.VmId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Each provider's inventory read once per pass; an unreachable provider gives no inventory (its checks wait).</summary>
    private sealed class InventoryCache(IProviderAdapters adapters, ILogger logger)
    {
        private readonly Dictionary<Guid, VsphereInventory?> _sources = [];
        private readonly Dictionary<Guid, TargetInventory?> _targets = [];

        public async Task<VsphereInventory?> SourceAsync(Provider? provider, CancellationToken ct)
        {
            if (provider is not { Type: ProviderType.Vsphere }) return null;
            if (!_sources.TryGetValue(provider.Id, out var inventory))
                _sources[provider.Id] = inventory = await ReadAsync(provider, () => adapters.Source(provider).GetInventoryAsync(ct));
            return inventory;
        }

        public async Task<TargetInventory?> TargetAsync(Provider? provider, CancellationToken ct)
        {
            if (provider is not { Type: ProviderType.OpenShift }) return null;
            if (!_targets.TryGetValue(provider.Id, out var inventory))
                _targets[provider.Id] = inventory = await ReadAsync(provider, () => adapters.Target(provider).GetInventoryAsync(ct));
            return inventory;
        }

        private async Task<T?> ReadAsync<T>(Provider provider, Func<Task<T>> read) where T : class
        {
            try
            {
                return await read();
            }
            catch (Exception e) when (ProviderErrors.IsUnreachable(e))
            {
                logger.LogDebug("Inventory of {Provider} unavailable for validation: {Error}", provider.Name, e.Message);
                return null;
            }
        }
    }
}
