using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.FakeKube;
using MtvConsole.Web.Providers;
using MtvConsole.Web.Readiness;

namespace MtvConsole.Web.Tests;

/// <summary>A Remote OpenShift provider pointing at the fake Kubernetes API: connection test, RBAC, and the inventory watch.</summary>
public sealed class KubeVirtProviderTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync(https: true);
        _cluster.AddNamespace("prod-apps");
        _cluster.AddStorageClass("ceph-rbd", isDefault: true);
        _ = _factory.Services; // start the app
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_good_token_makes_the_provider_ready()
    {
        var provider = await AddProviderAsync("ocp-good", "good-token");

        var refreshed = await RefreshAsync(provider);

        Assert.True(refreshed.Phase == ProviderPhase.Ready, string.Join("; ", refreshed.Conditions.Select(c => $"{c.Type}: {c.Message}")));
        Assert.Contains(refreshed.Conditions, c => c.Type == ConditionTypes.ConnectionTestSucceeded);
    }

    [Fact]
    public async Task A_bad_token_fails_the_connection_test_with_the_api_servers_message()
    {
        var provider = await AddProviderAsync("ocp-bad", "revoked-token");

        var refreshed = await RefreshAsync(provider);

        Assert.Equal(ProviderPhase.ConnectionFailed, refreshed.Phase);
        var failed = Assert.Single(refreshed.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed);
        Assert.Contains("Unauthorized", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ca_bundle_that_did_not_sign_the_servers_certificate_fails_the_connection_test_as_untrusted()
    {
        var provider = await AddProviderAsync("ocp-wrong-ca", new Dictionary<string, string> { ["token"] = "good-token", ["cacert"] = TestCertificates.SelfSignedPem("some-other-ca") });

        var refreshed = await RefreshAsync(provider);

        Assert.Equal(ProviderPhase.ConnectionFailed, refreshed.Phase);
        var failed = Assert.Single(refreshed.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed);
        Assert.Contains("The API server's certificate is not trusted.", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubeconfig_with_a_token_and_its_ca_makes_the_provider_ready()
    {
        var kubeconfig = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {_cluster.Server.Url}
                certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(_cluster.Server.CaPem!))}
            users:
            - name: console
              user:
                token: good-token
            contexts:
            - name: other
              context:
                cluster: fake
                user: nobody
            - name: fake
              context:
                cluster: fake
                user: console
            current-context: other
            """;
        var provider = await AddProviderAsync("ocp-kubeconfig", new Dictionary<string, string> { ["kubeconfig"] = kubeconfig, ["context"] = "fake" });

        var refreshed = await RefreshAsync(provider);

        Assert.True(refreshed.Phase == ProviderPhase.Ready, string.Join("; ", refreshed.Conditions.Select(c => $"{c.Type}: {c.Message}")));
        Assert.Equal(1, _factory.Services.GetRequiredService<ProviderStatusService>().Summary(provider.Id)!.Counts.Datastores); // the one storage class
    }

    [Fact]
    public async Task Missing_permissions_fail_the_connection_test_and_are_listed()
    {
        _cluster.Server.Rbac.Deny("kubevirt.io", "virtualmachines", "create");
        var provider = await AddProviderAsync("ocp-rbac", "good-token");

        var refreshed = await RefreshAsync(provider);

        var failed = Assert.Single(refreshed.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed);
        Assert.Contains("virtualmachines.kubevirt.io (create)", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nad_that_appears_refreshes_the_provider_and_makes_the_waiting_network_map_ready()
    {
        var provider = await AddProviderAsync("ocp-watch", "good-token");
        await RefreshAsync(provider);
        var map = await AddNetworkMapAsync(provider, "prod-apps", "vlan-new");
        var readiness = _factory.Services.GetRequiredService<ReadinessService>();
        await readiness.RevalidateAllAsync();
        Assert.False((await MapAsync(map.Id)).IsReady);

        var status = _factory.Services.GetRequiredService<ProviderStatusService>();
        var refreshedAfterNad = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nadWatched = false; // set once the watched inventory holds the NAD; refreshes before that do not count
        status.Changed += () =>
        {
            if (Volatile.Read(ref nadWatched)) refreshedAfterNad.TrySetResult();
        };
        var clusters = _factory.Services.GetRequiredService<KubeVirtClusters>();
        var cache = clusters.Cache(provider.Id);
        var synced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Changed += _ =>
        {
            if (cache.Synced) synced.TrySetResult();
            if (cache.Snapshot().NetworkAttachmentDefinitions.Any(n => n.QualifiedName == "prod-apps/vlan-new")) Volatile.Write(ref nadWatched, true);
        };
        _factory.Time.Advance(TimeSpan.FromSeconds(31)); // the watch service picks up the new provider
        await synced.Task.WaitAsync(TimeSpan.FromSeconds(20));

        _cluster.AddNad("prod-apps", "vlan-new");
        await refreshedAfterNad.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await readiness.RevalidateAllAsync();

        Assert.True((await MapAsync(map.Id)).IsReady, string.Join("; ", (await MapAsync(map.Id)).Conditions.Select(c => $"{c.Type}: {c.Message}")));

        // Deleted again: the watch refreshes the provider and the map names the missing NAD.
        var refreshedAfterDelete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        clusters.Cache(provider.Id).Changed += c =>
        {
            if (c.Type == k8s.WatchEventType.Deleted) refreshedAfterDelete.TrySetResult();
        };
        _cluster.Store.Delete(ResourceTypes.Nad, "prod-apps", "vlan-new");
        await refreshedAfterDelete.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await readiness.RevalidateAllAsync();
        var after = await MapAsync(map.Id);
        Assert.False(after.IsReady);
        Assert.Contains(after.Conditions, c => c.Message.Contains("prod-apps/vlan-new", StringComparison.Ordinal));
    }

    private Task<Provider> AddProviderAsync(string name, string token) =>
        AddProviderAsync(name, new Dictionary<string, string> { ["token"] = token, ["cacert"] = _cluster.Server.CaPem! });

    private async Task<Provider> AddProviderAsync(string name, Dictionary<string, string> secretData)
    {
        var secrets = _factory.Services.GetRequiredService<SecretStore>();
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        var secret = secrets.Create("provider", secretData, _factory.Time.GetUtcNow());
        var provider = new Provider
        {
            Name = name, Type = ProviderType.OpenShift, Backing = ProviderBacking.Remote, Url = _cluster.Server.Url.ToString(), SecretId = secret.Id,
            CreatedAt = _factory.Time.GetUtcNow(),
        };
        db.Secrets.Add(secret);
        db.Providers.Add(provider);
        await db.SaveChangesAsync();
        return provider;
    }

    private async Task<Provider> RefreshAsync(Provider provider)
    {
        Assert.True(await _factory.Services.GetRequiredService<ProviderStatusService>().RefreshAsync(provider.Id));
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        return await db.Providers.AsNoTracking().SingleAsync(p => p.Id == provider.Id);
    }

    private async Task<NetworkMap> AddNetworkMapAsync(Provider destination, string ns, string nad)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        var source = await db.Providers.SingleAsync(p => p.Name == LabSeeder.VCenterName);
        var network = (await _factory.Services.GetRequiredService<MtvConsole.Lab.LabVCenter>().GetInventoryAsync()).Networks[0];
        var map = new NetworkMap
        {
            Name = "to-" + nad,
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            Entries = [new NetworkMapEntry(Ref.ById(network.Id), NetworkDestinationType.Multus, ns, nad)],
            CreatedAt = _factory.Time.GetUtcNow(),
        };
        db.NetworkMaps.Add(map);
        await db.SaveChangesAsync();
        return map;
    }

    private async Task<NetworkMap> MapAsync(Guid id)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        return await db.NetworkMaps.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
