using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Data;

namespace MtvConsole.Web.Providers;

/// <summary>
/// Tests each provider's connection by loading its inventory, records the provider's conditions and
/// phase, and keeps the inventory counts that lists show. Pages subscribe to <see cref="Changed"/>.
/// </summary>
public sealed class ProviderStatusService(
    IDbContextFactory<MtvDbContext> dbFactory,
    IProviderAdapters adapters,
    ICertificateFetcher certificates,
    SecretStore secrets,
    VsphereAdapters vsphere,
    TimeProvider time,
    ILogger<ProviderStatusService> logger)
{
    private readonly ConcurrentDictionary<Guid, InventorySummary> _summaries = new();

    public event Action? Changed;

    public InventorySummary? Summary(Guid providerId) => _summaries.GetValueOrDefault(providerId);

    /// <summary>Forgets a deleted provider: its counts, its vSphere connection and its saved inventory.</summary>
    public void Forget(Guid providerId)
    {
        _summaries.TryRemove(providerId, out _);
        vsphere.Forget(providerId);
    }

    public async Task RefreshAllAsync(CancellationToken ct = default)
    {
        List<Guid> ids;
        List<Guid> remoteVsphere;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            ids = await db.Providers.Select(p => p.Id).ToListAsync(ct);
            remoteVsphere = await db.Providers.Where(p => p.Type == ProviderType.Vsphere && p.Backing == ProviderBacking.Remote).Select(p => p.Id).ToListAsync(ct);
        }
        await ShowSavedInventoriesAsync(remoteVsphere, ct);
        foreach (var id in ids) await RefreshAsync(id, ct);
    }

    /// <summary>Reloads one provider's inventory and conditions; returns false when the provider does not exist.</summary>
    public async Task<bool> RefreshAsync(Guid providerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Id == providerId, ct);
        if (provider is null) return false;

        var connection = await TestAsync(provider, ct);
        var now = time.GetUtcNow();
        var secret = provider.SecretId is { } sid ? await db.Secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
        IReadOnlyCollection<string>? keys = secret is null ? null : secrets.Keys(secret) ?? [];
        ProviderValidation.Apply(provider, connection, now, keys);
        if (connection.InventoryLoaded) provider.InventoryLoadedAt = now;
        await db.SaveChangesAsync(ct);
        Changed?.Invoke();
        return true;
    }

    /// <summary>Shows the last saved inventory of remote vCenters (counts and age) before they are asked again.</summary>
    private async Task ShowSavedInventoriesAsync(IEnumerable<Guid> providerIds, CancellationToken ct)
    {
        var shown = false;
        foreach (var id in providerIds)
        {
            if (_summaries.ContainsKey(id) || await vsphere.LastSavedAsync(id, ct) is not { } saved) continue;
            _summaries[id] = new InventorySummary(saved.Inventory.Counts, saved.CollectedAt);
            shown = true;
        }
        if (shown) Changed?.Invoke();
    }

    private async Task<ConnectionResult> TestAsync(Provider provider, CancellationToken ct)
    {
        var presented = await PresentedCertificateAsync(provider, ct);
        return (await TestAdapterAsync(provider, ct)) with { Certificate = presented };
    }

    /// <summary>
    /// The certificate a pinned remote provider presents now, so a changed certificate blocks the provider
    /// (CertificateChanged). Null when nothing is pinned, verification is skipped, or the server cannot be
    /// reached (the connection test then reports that).
    /// </summary>
    private async Task<CertificateFingerprints?> PresentedCertificateAsync(Provider provider, CancellationToken ct)
    {
        if (provider.Backing != ProviderBacking.Remote || provider.InsecureSkipVerify) return null;
        if (string.IsNullOrEmpty(provider.PinnedSha256) && string.IsNullOrEmpty(provider.PinnedSha1)) return null;
        try
        {
            return (await certificates.FetchAsync(provider.Url, ct)).Fingerprints;
        }
        catch (CertificateFetchException e)
        {
            logger.LogWarning("Provider {Provider}: could not read the server certificate: {Error}", provider.Name, e.Message);
            return null;
        }
    }

    private async Task<ConnectionResult> TestAdapterAsync(Provider provider, CancellationToken ct)
    {
        try
        {
            if (provider.Type == ProviderType.OpenShift && adapters.Target(provider) is KubeVirt.KubeVirtTargetCluster cluster)
            {
                // A real cluster: the server version and every permission the migration needs (SelfSubjectAccessReview).
                var report = await cluster.TestConnectionAsync(ct);
                if (!report.Succeeded)
                {
                    _summaries.TryRemove(provider.Id, out _);
                    return new ConnectionResult(false, report.Describe(), false);
                }
            }

            InventoryCounts counts;
            if (provider.Type == ProviderType.Vsphere)
            {
                var inventory = await adapters.Source(provider).GetInventoryAsync(ct);
                counts = inventory.Counts;
                if (provider.Backing == ProviderBacking.Remote) await vsphere.SaveAsync(provider.Id, inventory, ct);
            }
            else
            {
                counts = (await adapters.Target(provider).GetInventoryAsync(ct)).Counts;
            }
            _summaries[provider.Id] = new InventorySummary(counts, time.GetUtcNow());
            return new ConnectionResult(true, null, true);
        }
        catch (Exception e) when (ProviderErrors.IsUnreachable(e))
        {
            logger.LogWarning("Provider {Provider}: connection test failed: {Error}", provider.Name, e.Message);
            // A remote vCenter keeps showing its last saved inventory, with its age, while it cannot be reached.
            if (provider.Backing != ProviderBacking.Remote || provider.Type != ProviderType.Vsphere) _summaries.TryRemove(provider.Id, out _);
            return new ConnectionResult(false, e.Message, false);
        }
    }
}
