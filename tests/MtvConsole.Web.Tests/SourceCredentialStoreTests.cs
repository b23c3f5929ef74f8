using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.KubeVirt;
using MtvConsole.Lab;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

/// <summary>
/// The account that goes into the importer's per-VM Secret: the vCenter's for disks read through the vCenter, the ESXi
/// host's for disks read over that host's migration network (an ESXi host refuses the vCenter's SSO account).
/// </summary>
public sealed class SourceCredentialStoreTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public Task InitializeAsync()
    {
        _ = _factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private MtvDbContext Db() => _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContext();

    private async Task<(Guid Provider, Guid Host, StoredSecret HostSecret)> AddVCenterWithMigrationHostAsync()
    {
        var secrets = _factory.Services.GetRequiredService<SecretStore>();
        var now = _factory.Time.GetUtcNow();
        var vcSecret = secrets.Create("provider/prod-vc", new Dictionary<string, string> { ["user"] = "administrator@vsphere.local", ["password"] = "Vc-Passw0rd" }, now);
        var provider = new Provider
        {
            Name = "prod-vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote, Url = "https://vcenter.example.com/sdk",
            UserName = "administrator@vsphere.local", SecretId = vcSecret.Id, PinnedSha1 = "5C:1A:0B:7E:33:90:AF:12:64:C8:DE:21:9F:4B:70:E3:88:16:2D:A5",
        };
        var hostSecret = secrets.Create("host/prod-vc-host-12", new Dictionary<string, string> { ["user"] = "root", ["password"] = "Esxi-Passw0rd" }, now);
        var host = new MigrationNetworkHost
        {
            Name = "prod-vc-host-12", ProviderId = provider.Id, HostRef = new Ref("host-12", "esx12.example.com", "host"), IpAddress = "10.10.0.12",
            UserName = "root", SecretId = hostSecret.Id,
        };
        await using var db = Db();
        db.Secrets.AddRange(vcSecret, hostSecret);
        db.Providers.Add(provider);
        db.Hosts.Add(host);
        await db.SaveChangesAsync();
        return (provider.Id, host.Id, hostSecret);
    }

    [Fact]
    public async Task Disks_read_over_a_host_migration_network_log_in_with_that_hosts_esxi_account_and_others_with_the_vcenters()
    {
        var (provider, host, _) = await AddVCenterWithMigrationHostAsync();
        var store = _factory.Services.GetRequiredService<ISourceCredentials>();

        Assert.Equal(new SourceCredentials("root", "Esxi-Passw0rd"), await store.GetAsync(provider, host));
        Assert.Equal(new SourceCredentials("administrator@vsphere.local", "Vc-Passw0rd"), await store.GetAsync(provider, null));
    }

    [Fact]
    public async Task A_changed_esxi_password_is_what_the_next_secret_gets()
    {
        var (provider, host, hostSecret) = await AddVCenterWithMigrationHostAsync();
        var secrets = _factory.Services.GetRequiredService<SecretStore>();
        await using (var db = Db())
        {
            var stored = await db.Secrets.SingleAsync(s => s.Id == hostSecret.Id);
            secrets.Replace(stored, new Dictionary<string, string> { ["user"] = "root", ["password"] = "N3w-Esxi-Passw0rd" }, _factory.Time.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var credentials = await _factory.Services.GetRequiredService<ISourceCredentials>().GetAsync(provider, host);

        Assert.Equal("N3w-Esxi-Passw0rd", credentials.Password);
    }

    [Fact]
    public async Task A_host_without_esxi_credentials_is_refused_with_what_to_do()
    {
        var (provider, host, hostSecret) = await AddVCenterWithMigrationHostAsync();
        await using (var db = Db())
        {
            db.Secrets.Remove(await db.Secrets.SingleAsync(s => s.Id == hostSecret.Id));
            (await db.Hosts.SingleAsync(h => h.Id == host)).SecretId = null;
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.Services.GetRequiredService<ISourceCredentials>().GetAsync(provider, host));

        Assert.Contains("esx12.example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("set them on the provider's hosts page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seeded_lab_vcenter_has_the_lab_certificate_sha1_pinned()
    {
        await using var db = Db();
        var vcenter = await db.Providers.SingleAsync(p => p.Name == LabSeeder.VCenterName);

        Assert.Equal(_factory.Services.GetRequiredService<LabWorld>().VCenterThumbprint, vcenter.PinnedSha1);
    }
}
