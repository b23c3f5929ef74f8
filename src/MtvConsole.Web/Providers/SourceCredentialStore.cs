using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.KubeVirt;

namespace MtvConsole.Web.Providers;

/// <summary>The vSphere user and password of a source provider, decrypted from its secret, for the importer's per-VM Secret.</summary>
internal sealed class SourceCredentialStore(IDbContextFactory<MtvDbContext> dbFactory, SecretStore secrets) : ISourceCredentials
{
    public async Task<SourceCredentials> GetAsync(Guid sourceProviderId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == sourceProviderId, cancellationToken)
            ?? throw new InvalidOperationException($"Source provider {sourceProviderId} no longer exists.");
        var secret = provider.SecretId is { } id ? await db.Secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) : null;
        var data = secret is null ? null : secrets.Read(secret);
        var user = data?.GetValueOrDefault("user") ?? provider.UserName;
        var password = data?.GetValueOrDefault("password");
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
            throw new InvalidOperationException($"Source provider '{provider.Name}' has no user and password the importer could use.");
        return new SourceCredentials(user, password);
    }
}
