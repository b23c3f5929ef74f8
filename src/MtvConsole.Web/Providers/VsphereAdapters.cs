using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Vsphere;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Web.Providers;

/// <summary>
/// The real vSphere adapters of remote vSphere providers, one per provider, made again when its URL, credentials
/// or certificate settings change. Credentials come from the provider's encrypted secret. Keeps each provider's
/// last inventory in <c>data/inventory/&lt;provider-id&gt;.json.gz</c> so a restart shows it at once, with its age.
/// </summary>
public sealed class VsphereAdapters(
    IDbContextFactory<MtvDbContext> dbFactory,
    SecretStore secrets,
    TimeProvider time,
    string inventoryFolder) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, (string Key, VsphereSourceProvider Adapter)> _adapters = new();
    private readonly ConcurrentDictionary<Guid, InventorySnapshot?> _saved = new();

    public VsphereSourceProvider For(Provider provider)
    {
        var (user, password, secretStamp) = Credentials(provider);
        if (!Uri.TryCreate(provider.Url, UriKind.Absolute, out var url))
            throw new ProviderUnavailableException($"Provider '{provider.Name}' has no valid URL.");
        if (!provider.InsecureSkipVerify && string.IsNullOrEmpty(provider.PinnedSha1))
            throw new ProviderUnavailableException($"Provider '{provider.Name}' has no trusted certificate: fetch and trust the vCenter certificate, or skip verification.");
        var key = string.Join('|', provider.Url, user, secretStamp, provider.PinnedSha1, provider.InsecureSkipVerify);
        if (_adapters.TryGetValue(provider.Id, out var current) && current.Key == key) return current.Adapter;
        var adapter = new VsphereSourceProvider(new VsphereConnectionOptions
        {
            Url = url,
            UserName = user,
            Password = password,
            PinnedSha1 = provider.PinnedSha1,
            InsecureSkipVerify = provider.InsecureSkipVerify,
        }, time);
        _adapters[provider.Id] = (key, adapter);
        if (current.Adapter is not null) current.Adapter.Dispose();
        return adapter;
    }

    private (string User, string Password, long Stamp) Credentials(Provider provider)
    {
        if (provider.SecretId is not { } secretId)
            throw new ProviderUnavailableException($"Provider '{provider.Name}' has no credentials.");
        using var db = dbFactory.CreateDbContext();
        var secret = db.Secrets.AsNoTracking().FirstOrDefault(s => s.Id == secretId)
                     ?? throw new ProviderUnavailableException($"Provider '{provider.Name}': its secret is missing.");
        var data = secrets.Read(secret)
                   ?? throw new ProviderUnavailableException($"Provider '{provider.Name}': its secret cannot be read; type the credentials again.");
        var user = data.GetValueOrDefault("user") is { Length: > 0 } u ? u : provider.UserName;
        if (string.IsNullOrEmpty(user) || data.GetValueOrDefault("password") is not { Length: > 0 } password)
            throw new ProviderUnavailableException($"Provider '{provider.Name}': its secret needs a user and a password.");
        return (user, password, secret.UpdatedAt.UtcTicks);
    }

    private string PathOf(Guid providerId) => Path.Combine(inventoryFolder, $"{providerId:N}.json.gz");

    /// <summary>Keeps the inventory just collected as the provider's last known one.</summary>
    public async Task SaveAsync(Guid providerId, VsphereInventory inventory, CancellationToken ct)
    {
        var snapshot = new InventorySnapshot(inventory, time.GetUtcNow());
        await InventorySnapshotFile.SaveAsync(PathOf(providerId), snapshot, ct);
        _saved[providerId] = snapshot;
    }

    /// <summary>The last inventory saved for a provider (read from the data folder once), or null.</summary>
    public async Task<InventorySnapshot?> LastSavedAsync(Guid providerId, CancellationToken ct = default)
    {
        if (_saved.TryGetValue(providerId, out var known)) return known;
        var loaded = await InventorySnapshotFile.LoadAsync(PathOf(providerId), ct);
        _saved[providerId] = loaded;
        return loaded;
    }

    /// <summary>Forgets a deleted provider: its adapter and its saved inventory.</summary>
    public void Forget(Guid providerId)
    {
        if (_adapters.TryRemove(providerId, out var adapter)) adapter.Adapter.Dispose();
        _saved.TryRemove(providerId, out _);
        if (File.Exists(PathOf(providerId))) File.Delete(PathOf(providerId));
    }

    public void Dispose()
    {
        foreach (var (_, adapter) in _adapters.Values) adapter.Dispose();
    }
}
