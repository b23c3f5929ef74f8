using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Readiness;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Vsphere;

namespace MtvConsole.Web.Providers;

/// <summary>Settings of the host migration-network connection test (configuration section <c>Vsphere:HostConnectionTest</c>).</summary>
public sealed class HostConnectionTestOptions
{
    public const string Section = "Vsphere:HostConnectionTest";

    /// <summary>The limit of one test (Forklift: 10 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The port of the ESXi SDK (443; another one only behind a port forward or in tests).</summary>
    public int Port { get; set; } = 443;

    /// <summary>How long a result is reused by the periodic revalidation before the host is tested again.</summary>
    public TimeSpan RetestAfter { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Runs the connection test of host migration networks of real (Remote) vSphere providers: logs in to
/// <c>https://&lt;ip&gt;/sdk</c> with the host's ESXi credentials, trusting only the host's SSL thumbprint from the
/// inventory (<see cref="EsxiConnectionTest"/>). Results are kept per host and reused until <see cref="HostConnectionTestOptions.RetestAfter"/>
/// or until the address, credentials or thumbprint change. Lab hosts have no SDK to log in to: they get no test.
/// </summary>
public sealed class HostConnectionTester(HostConnectionTestOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, (string Key, DateTimeOffset At, HostConnectionCheck Result)> _results = new();

    /// <summary>
    /// The host's test result: tested now when <paramref name="force"/>, when never tested with these settings, or when
    /// the last result is older than <see cref="HostConnectionTestOptions.RetestAfter"/>. Null when there is nothing to test:
    /// a Lab provider, no inventory, no such host, or no credentials (the host's other conditions say why).
    /// </summary>
    public async Task<HostConnectionCheck?> CheckAsync(MigrationNetworkHost host, Provider provider, VsphereInventory? inventory,
        IReadOnlyDictionary<string, string>? secret, bool force, CancellationToken ct = default)
    {
        if (provider is not { Type: ProviderType.Vsphere, Backing: ProviderBacking.Remote } || inventory is null) return null;
        if (secret?.GetValueOrDefault("user") is not { Length: > 0 } user || secret.GetValueOrDefault("password") is not { Length: > 0 } password) return null;
        if (!HostValidator.IsIpAddress(host.IpAddress)) return null;
        var resolution = RefResolver.Resolve(host.HostRef, inventory.Hosts, h => h.Id, h => h.Name, h => h.Path);
        if (resolution.Outcome != ResolutionOutcome.Found || resolution.Item is not { } esxi) return null;

        var key = string.Join('|', host.IpAddress, user, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password))), esxi.Thumbprint, options.Port);
        var now = time.GetUtcNow();
        if (!force && _results.TryGetValue(host.Id, out var last) && last.Key == key && now - last.At < options.RetestAfter) return last.Result;

        var outcome = await EsxiConnectionTest.RunAsync(host.IpAddress, user, password, esxi.Thumbprint, options.Timeout, options.Port, ct).ConfigureAwait(false);
        var result = outcome.Succeeded ? HostConnectionCheck.Passed : HostConnectionCheck.Failed(outcome.Error ?? "the host did not accept the login.");
        _results[host.Id] = (key, time.GetUtcNow(), result);
        return result;
    }

    /// <summary>Forgets the results of removed hosts.</summary>
    public void Forget(IEnumerable<Guid> hostIds)
    {
        foreach (var id in hostIds) _results.TryRemove(id, out _);
    }
}
