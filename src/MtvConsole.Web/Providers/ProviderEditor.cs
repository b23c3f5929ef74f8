using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.KubeVirt.Connection;

namespace MtvConsole.Web.Providers;

/// <summary>The outcome of a save: the saved provider, or the problems by field (nothing was saved).</summary>
public sealed record ProviderSaveResult(Provider? Provider, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Provider is not null;

    public static ProviderSaveResult Invalid(string field, string message) => new(null, new Dictionary<string, string> { [field] = message });
}

/// <summary>The outcome of a delete: done, or refused with the reason (for example the maps and plans that use it).</summary>
public sealed record ProviderDeleteResult(bool Deleted, string? Refusal);

/// <summary>
/// Creates, updates and deletes providers: validates the input, encrypts the secret, sets the spec
/// conditions, audits the change and asks <see cref="ProviderStatusService"/> to test the connection.
/// </summary>
public sealed class ProviderEditor(
    IDbContextFactory<MtvDbContext> dbFactory,
    SecretStore secrets,
    IAuditLog audit,
    ProviderStatusService status,
    TimeProvider time)
{
    public async Task<List<string>> NamesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Providers.Select(p => p.Name).ToListAsync(ct);
    }

    /// <summary>Which keys the provider's secret holds (never the values).</summary>
    public async Task<IReadOnlyCollection<string>> SecretKeysAsync(Provider provider, CancellationToken ct = default)
    {
        if (provider.SecretId is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var secret = await db.Secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == provider.SecretId, ct);
        return secrets.Keys(secret) ?? [];
    }

    public async Task<ProviderSaveResult> CreateAsync(ProviderInput input, string user, CancellationToken ct = default)
    {
        Normalize(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var others = await db.Providers.Select(p => p.Name).ToListAsync(ct);
        var errors = ProviderRules.Validate(input, null, others, []);
        if (errors.Count > 0) return new ProviderSaveResult(null, errors);

        var now = time.GetUtcNow();
        var provider = new Provider { Name = input.Name, Type = input.Type, Backing = input.Backing, CreatedAt = now };
        ApplySpec(provider, input);
        if (SecretData(input, null) is { } data)
        {
            var secret = secrets.Create($"provider/{input.Name}", data, now);
            db.Secrets.Add(secret);
            provider.SecretId = secret.Id;
        }
        ProviderValidation.Apply(provider, null, now);
        db.Providers.Add(provider);
        if (!await TrySaveAsync(db, ct)) return ProviderSaveResult.Invalid(ProviderFields.Name, $"A provider named '{input.Name}' already exists.");

        await audit.RecordAsync(user, AuditActions.Create, $"provider/{provider.Name}", Describe(provider), true, ct);
        await status.RefreshAsync(provider.Id, ct);
        return new ProviderSaveResult(await ReloadAsync(provider.Id, ct), errors);
    }

    public async Task<ProviderSaveResult> UpdateAsync(Guid id, ProviderInput input, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null) return ProviderSaveResult.Invalid(ProviderFields.Name, "The provider no longer exists.");
        Normalize(input);

        var secret = provider.SecretId is { } sid ? await db.Secrets.FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
        var stored = secret is null ? null : secrets.Read(secret);
        var others = await db.Providers.Where(p => p.Id != id).Select(p => p.Name).ToListAsync(ct);
        var keys = stored?.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => kv.Key).ToHashSet() ?? [];
        // A changed backing starts the secret over: what was set for another kind of endpoint does not count.
        var errors = ProviderRules.Validate(input, provider, others, input.Backing == provider.Backing ? keys : []);
        if (errors.Count > 0) return new ProviderSaveResult(null, errors);

        var before = Describe(provider);
        var oldName = provider.Name;
        var now = time.GetUtcNow();
        provider.Name = input.Name;
        if (provider.Backing != ProviderBacking.Lab)
        {
            var backingChanged = provider.Backing != input.Backing;
            provider.Backing = input.Backing;
            ApplySpec(provider, input);
            var data = SecretData(input, backingChanged ? null : stored);
            if (data is null && secret is not null)
            {
                provider.SecretId = null;
                db.Secrets.Remove(secret);
            }
            else if (data is not null && secret is not null)
            {
                secrets.Replace(secret, data, now);
                secret.Purpose = $"provider/{provider.Name}";
            }
            else if (data is not null)
            {
                secret = secrets.Create($"provider/{provider.Name}", data, now);
                db.Secrets.Add(secret);
                provider.SecretId = secret.Id;
            }
        }
        var after = Describe(provider);
        if (before != after || oldName != provider.Name) provider.Generation++;
        // Saving a provider validates its VDDK image again (a rebuilt image under the same tag, a registry fixed meanwhile).
        db.VddkImageChecks.RemoveRange(await db.VddkImageChecks.Where(c => c.ProviderId == provider.Id).ToListAsync(ct));
        ProviderValidation.Apply(provider, null, now);
        if (!await TrySaveAsync(db, ct)) return ProviderSaveResult.Invalid(ProviderFields.Name, $"A provider named '{input.Name}' already exists.");

        var renamed = oldName != provider.Name ? $"renamed from {oldName}; " : "";
        var secretNote = !string.IsNullOrEmpty(input.Password) || !string.IsNullOrEmpty(input.Token) || !string.IsNullOrEmpty(input.CaBundle) || input.RemoveCaBundle
            || !string.IsNullOrEmpty(input.Kubeconfig)
            ? "; secret replaced" : "";
        await audit.RecordAsync(user, AuditActions.Update, $"provider/{provider.Name}", $"{renamed}{after}{secretNote}", true, ct);
        await status.RefreshAsync(provider.Id, ct);
        return new ProviderSaveResult(await ReloadAsync(provider.Id, ct), errors);
    }

    /// <summary>The network maps, storage maps and plans that use the provider, as "network map 'x'".</summary>
    public async Task<List<string>> UsersAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = new List<string>();
        users.AddRange((await db.NetworkMaps.Where(m => m.SourceProviderId == id || m.DestinationProviderId == id).Select(m => m.Name).ToListAsync(ct))
            .Order(StringComparer.Ordinal).Select(n => $"network map '{n}'"));
        users.AddRange((await db.StorageMaps.Where(m => m.SourceProviderId == id || m.DestinationProviderId == id).Select(m => m.Name).ToListAsync(ct))
            .Order(StringComparer.Ordinal).Select(n => $"storage map '{n}'"));
        users.AddRange((await db.Plans.Where(p => p.SourceProviderId == id || p.DestinationProviderId == id).Select(p => p.Name).ToListAsync(ct))
            .Order(StringComparer.Ordinal).Select(n => $"plan '{n}'"));
        return users;
    }

    /// <summary>Deletes the provider with its secret and its hosts, unless a map or plan uses it.</summary>
    public async Task<ProviderDeleteResult> DeleteAsync(Guid id, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null) return new ProviderDeleteResult(false, "The provider no longer exists.");
        var users = await UsersAsync(id, ct);
        if (users.Count > 0)
        {
            var refusal = $"Provider '{provider.Name}' is used by {string.Join(", ", users)}; delete those or point them at another provider first.";
            await audit.RecordAsync(user, AuditActions.Delete, $"provider/{provider.Name}", refusal, false, ct);
            return new ProviderDeleteResult(false, refusal);
        }

        var hosts = await db.Hosts.Where(h => h.ProviderId == id).ToListAsync(ct);
        var secretIds = hosts.Select(h => h.SecretId).Append(provider.SecretId).OfType<Guid>().ToList();
        db.Hosts.RemoveRange(hosts);
        db.Providers.Remove(provider);
        db.Secrets.RemoveRange(await db.Secrets.Where(s => secretIds.Contains(s.Id)).ToListAsync(ct));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A map or plan was added between the check and the delete: the database refuses (Restrict).
            var now = await UsersAsync(id, ct);
            return new ProviderDeleteResult(false, $"Provider '{provider.Name}' is used by {string.Join(", ", now)}; delete those or point them at another provider first.");
        }
        await audit.RecordAsync(user, AuditActions.Delete, $"provider/{provider.Name}",
            hosts.Count > 0 ? $"with {hosts.Count} migration-network host(s)" : "", true, ct);
        status.Forget(provider.Id);
        await status.RefreshAllAsync(ct);
        return new ProviderDeleteResult(true, null);
    }

    private async Task<Provider?> ReloadAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
    }

    private static void Normalize(ProviderInput input)
    {
        input.Name = input.Name.Trim();
        input.UserName = input.UserName.Trim();
        input.VddkInitImage = string.IsNullOrWhiteSpace(input.VddkInitImage) ? null : input.VddkInitImage.Trim();
        if (input.Type == ProviderType.Vsphere) input.Url = ProviderRules.NormalizeVsphereUrl(input.Url).Url;
        else input.Url = input.Url.Trim();
        // A kubeconfig names its API server: the provider's URL is that of the chosen context.
        if (input is { Type: ProviderType.OpenShift, UseKubeconfig: true } && !string.IsNullOrWhiteSpace(input.Kubeconfig)
            && KubeVirt.Connection.KubeconfigInspector.Inspect(input.Kubeconfig, input.KubeconfigContext) is { Usable: true } inspected)
        {
            input.Url = inspected.Server!;
            input.KubeconfigContext = inspected.Context;
        }
    }

    private static void ApplySpec(Provider provider, ProviderInput input)
    {
        var remote = input.Backing == ProviderBacking.Remote;
        provider.Url = remote ? input.Url : "";
        provider.UserName = input.Type == ProviderType.Vsphere && remote ? input.UserName : "";
        provider.VddkInitImage = input.Type == ProviderType.Vsphere && remote ? input.VddkInitImage : null;
        // A kubeconfig carries its own TLS settings; URL + token use the form's CA bundle, pin or skip switch.
        provider.InsecureSkipVerify = remote && !(input.Type == ProviderType.OpenShift && input.UseKubeconfig) && input.InsecureSkipVerify;
        // A new CA bundle replaces a pinned certificate as a cluster's trust (a renewed certificate it signed must not look "changed").
        var openShiftTrustReplaced = input.Type == ProviderType.OpenShift && (input.UseKubeconfig || (!string.IsNullOrWhiteSpace(input.CaBundle) && !input.TrustCertificate));
        if (!remote || openShiftTrustReplaced)
        {
            provider.PinnedSha1 = provider.PinnedSha256 = null;
        }
        else if (input.TrustCertificate && !input.InsecureSkipVerify)
        {
            provider.PinnedSha1 = input.TrustedSha1;
            provider.PinnedSha256 = input.TrustedSha256;
        }
    }

    /// <summary>The secret's data after this save, merged over what was stored; null when the provider needs no secret.</summary>
    private static Dictionary<string, string>? SecretData(ProviderInput input, Dictionary<string, string>? stored)
    {
        if (input.Backing != ProviderBacking.Remote) return null;
        var data = new Dictionary<string, string>(stored ?? []);
        if (input.Type == ProviderType.Vsphere)
        {
            data["user"] = input.UserName;
            if (!string.IsNullOrEmpty(input.Password)) data["password"] = input.Password;
            data.Remove("token");
            data.Remove("cacert");
        }
        else if (input.UseKubeconfig)
        {
            if (!string.IsNullOrWhiteSpace(input.Kubeconfig))
            {
                data[ClusterConnection.KubeconfigKey] = input.Kubeconfig;
                data[ClusterConnection.ContextKey] = input.KubeconfigContext ?? "";
            }
            data.Remove("token");
            data.Remove("cacert");
            data.Remove("user");
            data.Remove("password");
        }
        else
        {
            data.Remove(ClusterConnection.KubeconfigKey);
            data.Remove(ClusterConnection.ContextKey);
            if (!string.IsNullOrWhiteSpace(input.Token)) data["token"] = input.Token.Trim();
            if (input.RemoveCaBundle) data.Remove("cacert");
            if (!string.IsNullOrWhiteSpace(input.CaBundle)) data["cacert"] = input.CaBundle.Trim();
            data.Remove("user");
            data.Remove("password");
        }
        return data;
    }

    private static string Describe(Provider p)
    {
        var type = p.Type == ProviderType.Vsphere ? "vsphere" : "openshift";
        var endpoint = p.Backing switch
        {
            ProviderBacking.Lab => "lab",
            ProviderBacking.InCluster => "this cluster",
            _ => p.Url,
        };
        var user = string.IsNullOrEmpty(p.UserName) ? "" : $", user {p.UserName}";
        var vddk = p.VddkInitImage is null ? "" : $", VDDK image {p.VddkInitImage}";
        var tls = p.Backing != ProviderBacking.Remote || (p.Type == ProviderType.OpenShift && p.PinnedSha256 is null && !p.InsecureSkipVerify) ? ""
            : p.InsecureSkipVerify ? ", certificate verification skipped" : $", pinned SHA-256 {p.PinnedSha256}";
        return $"{type} {endpoint}{user}{vddk}{tls}";
    }

    private static async Task<bool> TrySaveAsync(MtvDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true)
        {
            return false;
        }
    }
}
