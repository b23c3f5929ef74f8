using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.KubeVirt;

namespace MtvConsole.Web.Providers;

/// <summary>
/// The account for the importer's per-VM Secret, decrypted from the secret store: a migration network host's ESXi user
/// and password when the disks are read through that host, otherwise the source provider's vSphere user and password.
/// </summary>
// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/builder.go: Secret (hostSecret when a Host applies, else the provider's).
internal sealed class SourceCredentialStore(IDbContextFactory<MtvDbContext> dbFactory, SecretStore secrets) : ISourceCredentials
{
    public async Task<SourceCredentials> GetAsync(Guid sourceProviderId, Guid? migrationHostId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return migrationHostId is { } hostId
            ? await HostAsync(db, hostId, cancellationToken)
            : await ProviderAsync(db, sourceProviderId, cancellationToken);
    }

    private async Task<SourceCredentials> ProviderAsync(MtvDbContext db, Guid sourceProviderId, CancellationToken ct)
    {
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == sourceProviderId, ct)
            ?? throw new InvalidOperationException($"Source provider {sourceProviderId} no longer exists.");
        var data = await ReadAsync(db, provider.SecretId, ct);
        var user = data?.GetValueOrDefault("user") ?? provider.UserName;
        var password = data?.GetValueOrDefault("password");
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
            throw new InvalidOperationException($"Source provider '{provider.Name}' has no user and password the importer could use.");
        return new SourceCredentials(user, password);
    }

    private async Task<SourceCredentials> HostAsync(MtvDbContext db, Guid hostId, CancellationToken ct)
    {
        var host = await db.Hosts.AsNoTracking().FirstOrDefaultAsync(h => h.Id == hostId, ct)
            ?? throw new InvalidOperationException($"The migration network of host {hostId} no longer exists; the VM's disks would be read through the vCenter: restart the migration.");
        var data = await ReadAsync(db, host.SecretId, ct);
        var user = data?.GetValueOrDefault("user") ?? host.UserName;
        var password = data?.GetValueOrDefault("password");
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
            throw new InvalidOperationException($"ESXi host '{host.HostRef.Name ?? host.Name}' has no ESXi user and password the importer could use; set them on the provider's hosts page.");
        return new SourceCredentials(user, password);
    }

    private async Task<Dictionary<string, string>?> ReadAsync(MtvDbContext db, Guid? secretId, CancellationToken ct)
    {
        var secret = secretId is { } id ? await db.Secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) : null;
        return secret is null ? null : secrets.Read(secret);
    }
}
