using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Readiness;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data;

namespace MtvConsole.Web.Providers;

/// <summary>One ESXi host of a vSphere provider with its adapters (fastest first) and its migration network, if any.</summary>
public sealed record HostNetworkRow(EsxiHost Host, string ClusterName, IReadOnlyList<HostNetworkAdapter> Adapters, MigrationNetworkHost? Current);

/// <summary>The hosts page's data: the provider, its hosts, or why they cannot be listed.</summary>
public sealed record HostNetworkPage(Provider? Provider, IReadOnlyList<HostNetworkRow> Rows, string? Problem);

/// <summary>The adapter picked for one host.</summary>
public sealed record HostPick(string HostId, string IpAddress);

public sealed record HostSaveResult(bool Saved, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Migration networks of ESXi hosts (Forklift's Host resource): lists a vSphere provider's hosts from its
/// inventory, saves the chosen VMkernel adapter and ESXi credentials (encrypted), and keeps the host
/// conditions (<see cref="HostValidator"/>) current; a save tests the saved hosts' connection at once
/// (<see cref="HostConnectionTester"/>), so the page answers with ConnectionTestSucceeded or the host's refusal.
/// </summary>
public sealed class HostNetworkService(
    IDbContextFactory<MtvDbContext> dbFactory,
    IProviderAdapters adapters,
    SecretStore secrets,
    IAuditLog audit,
    HostConnectionTester connectionTester,
    TimeProvider time)
{
    public const string HostsField = "Hosts";
    public const string UserField = "User";
    public const string PasswordField = "Password";

    public async Task<HostNetworkPage> LoadAsync(string providerName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Name == providerName, ct);
        if (provider is null) return new HostNetworkPage(null, [], $"No provider named '{providerName}'.");
        var records = await db.Hosts.Where(h => h.ProviderId == provider.Id).ToListAsync(ct);
        if (provider.Type != ProviderType.Vsphere)
            return new HostNetworkPage(provider, [], $"'{provider.Name}' is an OpenShift provider; migration networks are set on the ESXi hosts of a vSphere provider.");

        var (inventory, problem) = await InventoryAsync(provider, ct);
        await RevalidateAsync(db, provider, records, inventory, ct);
        if (inventory is null) return new HostNetworkPage(provider, [], problem);

        var rows = inventory.Hosts
            .OrderBy(h => h.Path, StringComparer.Ordinal)
            .Select(h => new HostNetworkRow(
                h,
                inventory.FindCluster(h.ClusterId)?.Name ?? "",
                HostValidator.SortFastestFirst(h.NetworkAdapters),
                records.FirstOrDefault(r => r.HostRef.Id == h.Id)))
            .ToList();
        return new HostNetworkPage(provider, rows, null);
    }

    /// <summary>
    /// Sets the migration network of several hosts at once. The password may be left empty only when every
    /// picked host already has stored credentials; nothing is saved while anything is invalid.
    /// </summary>
    public async Task<HostSaveResult> SaveAsync(Guid providerId, IReadOnlyList<HostPick> picks, string esxiUser, string? esxiPassword,
        string user, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == providerId, ct);
        if (provider is null) return new HostSaveResult(false, new Dictionary<string, string> { [HostsField] = "The provider no longer exists." });
        if (provider.Type != ProviderType.Vsphere)
            return new HostSaveResult(false, new Dictionary<string, string> { [HostsField] = $"'{provider.Name}' is not a vSphere provider." });
        var (inventory, problem) = await InventoryAsync(provider, ct);
        if (inventory is null) return new HostSaveResult(false, new Dictionary<string, string> { [HostsField] = problem! });

        var records = await db.Hosts.Where(h => h.ProviderId == providerId).ToListAsync(ct);
        if (picks.Count == 0) errors[HostsField] = "Select at least one host.";
        foreach (var pick in picks)
        {
            var host = inventory.FindHost(pick.HostId);
            if (host is null) errors.TryAdd(HostsField, $"Host '{pick.HostId}' is not in the inventory of '{provider.Name}'.");
            else if (host.NetworkAdapters.All(a => a.IpAddress != pick.IpAddress))
                errors.TryAdd(HostsField, $"'{pick.IpAddress}' is not an address of host '{host.Name}'; pick one of its adapters.");
        }
        var trimmedUser = esxiUser.Trim();
        if (trimmedUser.Length == 0) errors[UserField] = "The ESXi user is required (an ESXi administrator such as root).";
        else if (trimmedUser.Any(char.IsWhiteSpace)) errors[UserField] = "The ESXi user must not contain spaces.";
        var needPassword = picks.Any(p => records.FirstOrDefault(r => r.HostRef.Id == p.HostId)?.SecretId is null);
        if (string.IsNullOrEmpty(esxiPassword) && needPassword)
            errors[PasswordField] = "The ESXi password is required for hosts without stored credentials.";
        if (errors.Count > 0) return new HostSaveResult(false, errors);

        var now = time.GetUtcNow();
        var created = new List<(string Host, string Ip)>();
        var updated = new List<(string Host, string Ip)>();
        var saved = new List<(MigrationNetworkHost Record, Dictionary<string, string> Data)>();
        foreach (var pick in picks)
        {
            var esxi = inventory.FindHost(pick.HostId)!;
            var record = records.FirstOrDefault(r => r.HostRef.Id == pick.HostId);
            if (record is null)
            {
                var name = HostResourceName(provider.Name, esxi.Id);
                // A renamed provider may have left a host record with this name behind: keep names unique.
                if (await db.Hosts.AnyAsync(h => h.Name == name, ct)) name = $"{name}-{providerId.ToString("N")[..8]}";
                record = new MigrationNetworkHost { Name = name, ProviderId = providerId, CreatedAt = now };
                db.Hosts.Add(record);
                records.Add(record);
                created.Add((esxi.Name, pick.IpAddress));
            }
            else
            {
                record.Generation++;
                updated.Add((esxi.Name, pick.IpAddress));
            }
            record.HostRef = new Ref(esxi.Id, esxi.Name, "host");
            record.IpAddress = pick.IpAddress;
            record.UserName = trimmedUser;
            var secret = record.SecretId is { } sid ? await db.Secrets.FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
            var data = (secret is null ? null : secrets.Read(secret)) ?? [];
            data["user"] = trimmedUser;
            if (!string.IsNullOrEmpty(esxiPassword)) data["password"] = esxiPassword;
            if (secret is null)
            {
                secret = secrets.Create($"host/{record.Name}", data, now);
                db.Secrets.Add(secret);
                record.SecretId = secret.Id;
            }
            else
            {
                secrets.Replace(secret, data, now);
            }
            saved.Add((record, data));
        }
        // The hosts are tested in parallel, each within the test's timeout.
        var checks = await Task.WhenAll(saved.Select(s => connectionTester.CheckAsync(s.Record, provider, inventory, s.Data, force: true, ct)));
        for (var i = 0; i < saved.Count; i++)
            HostValidator.Apply(saved[i].Record, provider, inventory, saved[i].Data.Where(kv => kv.Value.Length > 0).Select(kv => kv.Key).ToList(), now, checks[i]);
        await db.SaveChangesAsync(ct);
        foreach (var (host, ip) in created)
            await audit.RecordAsync(user, AuditActions.Create, $"host/{provider.Name}/{host}", $"migration network {ip}, user {trimmedUser}", true, ct);
        foreach (var (host, ip) in updated)
            await audit.RecordAsync(user, AuditActions.Update, $"host/{provider.Name}/{host}",
                $"migration network {ip}, user {trimmedUser}{(string.IsNullOrEmpty(esxiPassword) ? "" : ", password replaced")}", true, ct);
        return new HostSaveResult(true, errors);
    }

    /// <summary>Removes the migration network of the given hosts: their disks are read through the provider URL again.</summary>
    public async Task<int> RemoveAsync(Guid providerId, IReadOnlyCollection<string> hostIds, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == providerId, ct);
        if (provider is null) return 0;
        var records = (await db.Hosts.Where(h => h.ProviderId == providerId).ToListAsync(ct))
            .Where(h => h.HostRef.Id is { } id && hostIds.Contains(id)).ToList();
        var secretIds = records.Select(r => r.SecretId).OfType<Guid>().ToList();
        db.Hosts.RemoveRange(records);
        db.Secrets.RemoveRange(await db.Secrets.Where(s => secretIds.Contains(s.Id)).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        connectionTester.Forget(records.Select(r => r.Id));
        foreach (var record in records)
            await audit.RecordAsync(user, AuditActions.Delete, $"host/{provider.Name}/{record.HostRef.Name}", $"migration network {record.IpAddress} removed", true, ct);
        return records.Count;
    }

    /// <summary>A DNS-1123 name for the host record, unique per provider and host id.</summary>
    public static string HostResourceName(string providerName, string hostId)
    {
        var name = $"{providerName}-{hostId}".ToLowerInvariant();
        return name.Length <= 253 ? name : name[..253];
    }

    private async Task<(VsphereInventory? Inventory, string? Problem)> InventoryAsync(Provider provider, CancellationToken ct)
    {
        try
        {
            return (await adapters.Source(provider).GetInventoryAsync(ct), null);
        }
        catch (Exception e) when (ProviderErrors.IsUnreachable(e))
        {
            return (null, $"The hosts of '{provider.Name}' cannot be listed: {e.Message}");
        }
    }

    private async Task RevalidateAsync(MtvDbContext db, Provider provider, List<MigrationNetworkHost> records, VsphereInventory? inventory, CancellationToken ct)
    {
        if (records.Count == 0) return;
        var now = time.GetUtcNow();
        var ids = records.Select(r => r.SecretId).OfType<Guid>().ToList();
        var stored = await db.Secrets.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        foreach (var record in records)
        {
            var secret = stored.FirstOrDefault(s => s.Id == record.SecretId);
            var check = await connectionTester.CheckAsync(record, provider, inventory, secret is null ? null : secrets.Read(secret), force: false, ct);
            HostValidator.Apply(record, provider, inventory, secrets.Keys(secret), now, check);
        }
        await db.SaveChangesAsync(ct);
    }
}
