using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.KubeVirt;
using MtvConsole.KubeVirt.Connection;
using MtvConsole.KubeVirt.Inventory;

namespace MtvConsole.Web.Providers;

/// <summary>
/// The KubeVirt adapter of each real (Remote or InCluster) OpenShift provider, built from the provider's
/// URL and its decrypted secret (token + CA bundle or pinned certificate, or a kubeconfig and its chosen
/// context), or the pod's service account. An adapter is rebuilt when the provider's URL, TLS switch,
/// pinned fingerprint or secret changes. Each provider also has the
/// inventory cache its watch fills.
/// </summary>
public sealed class KubeVirtClusters(
    IDbContextFactory<MtvDbContext> dbFactory,
    SecretStore secrets,
    ISourceCredentials sourceCredentials,
    IOptions<KubeVirtOptions> options)
{
    private readonly ConcurrentDictionary<Guid, (string Fingerprint, KubeVirtTargetCluster Cluster)> _clusters = new();
    private readonly ConcurrentDictionary<Guid, TargetInventoryCache> _caches = new();

    public KubeVirtOptions Options => options.Value;

    public static bool Serves(Provider provider) =>
        provider.Type == ProviderType.OpenShift && provider.Backing is ProviderBacking.Remote or ProviderBacking.InCluster;

    /// <summary>The adapter; throws <see cref="ProviderUnavailableException"/> with the reason when it cannot be built.</summary>
    public KubeVirtTargetCluster For(Provider provider)
    {
        var (connection, fingerprint) = Connection(provider);
        if (_clusters.TryGetValue(provider.Id, out var cached) && cached.Fingerprint == fingerprint) return cached.Cluster;
        try
        {
            var cluster = new KubeVirtTargetCluster(connection.CreateClient(), sourceCredentials, options.Value, Cache(provider.Id));
            _clusters[provider.Id] = (fingerprint, cluster);
            return cluster;
        }
        catch (ClusterConnectionException e)
        {
            throw new ProviderUnavailableException($"Provider '{provider.Name}': {e.Message}");
        }
    }

    public TargetInventoryCache Cache(Guid providerId) => _caches.GetOrAdd(providerId, _ => new TargetInventoryCache());

    public void Forget(Guid providerId)
    {
        _clusters.TryRemove(providerId, out _);
        _caches.TryRemove(providerId, out _);
    }

    private (ClusterConnection Connection, string Fingerprint) Connection(Provider provider)
    {
        if (provider.Backing == ProviderBacking.InCluster && string.IsNullOrEmpty(provider.Url))
            return (new InClusterConnection(), "in-cluster");
        using var db = dbFactory.CreateDbContext();
        var secret = provider.SecretId is { } id ? db.Secrets.AsNoTracking().FirstOrDefault(s => s.Id == id) : null;
        if (secret is null) throw new ProviderUnavailableException($"Provider '{provider.Name}' has no secret with a token or kubeconfig.");
        var data = secrets.Read(secret) ?? throw new ProviderUnavailableException($"Provider '{provider.Name}': its secret cannot be decrypted.");
        try
        {
            return (ClusterConnection.FromSecret(provider.Url, data, provider.InsecureSkipVerify, provider.PinnedSha256),
                $"{provider.Url}|{provider.InsecureSkipVerify}|{provider.PinnedSha256}|{secret.Id}|{secret.UpdatedAt.UtcTicks}");
        }
        catch (ClusterConnectionException e)
        {
            throw new ProviderUnavailableException($"Provider '{provider.Name}': {e.Message}");
        }
    }
}
