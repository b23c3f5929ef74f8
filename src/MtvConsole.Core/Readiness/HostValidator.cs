using System.Net;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>
/// Sets a migration-network host's conditions (reference §2.2): the provider must be vSphere and have an
/// inventory, the host reference must resolve to exactly one ESXi host, the IP must be one of that
/// host's VMkernel adapters, and the ESXi secret must exist with a user and a password. Then the connection test
/// (logging in to <c>https://&lt;ip&gt;/sdk</c>) decides: ConnectionTestSucceeded, or ConnectionTestFailed with the host's
/// message, which blocks Ready.
/// </summary>
public static class HostValidator
{
    /// <summary>The keys an ESXi host secret must hold.</summary>
    public static readonly IReadOnlyList<string> RequiredSecretKeys = ["user", "password"];

    /// <param name="inventory">The provider's inventory, or null when it could not be loaded.</param>
    /// <param name="secretKeys">The keys present in the host's secret, or null when the secret cannot be found or read.</param>
    /// <param name="connection">
    /// The outcome of the host's connection test; null when there is none to make (a Lab host, or a host whose spec is not
    /// valid so it was not tried).
    /// </param>
    public static void Apply(MigrationNetworkHost host, Provider provider, VsphereInventory? inventory,
        IReadOnlyCollection<string>? secretKeys, DateTimeOffset now, HostConnectionCheck? connection = null)
    {
        host.Validate(now, set =>
        {
            if (provider.Type != ProviderType.Vsphere)
            {
                set.Set(Critical(ConditionTypes.TypeNotValid, ConditionReasons.TypeNotValid,
                    $"The provider '{provider.Name}' is not a vSphere provider; migration networks are set on ESXi hosts."), now);
            }
            else if (inventory is null)
            {
                set.Set(Critical(ConditionTypes.ProviderNotReady, ConditionReasons.NotFound,
                    $"The inventory of provider '{provider.Name}' is not available, so the host cannot be checked."), now);
            }
            else
            {
                var resolved = ValidateRef(host, inventory, set, now);
                ValidateIp(host, resolved, set, now);
            }
            ValidateSecret(host, secretKeys, set, now);
            if (connection is not null && !set.HasBlocker) SetConnection(connection, set, now);
        }, "The host is ready.");
    }

    private static EsxiHost? ValidateRef(MigrationNetworkHost host, VsphereInventory inventory, ConditionSet set, DateTimeOffset now)
    {
        var resolution = RefResolver.Resolve(host.HostRef, inventory.Hosts, h => h.Id, h => h.Name, h => h.Path);
        switch (resolution.Outcome)
        {
            case ResolutionOutcome.NotSet:
                set.Set(Critical(ConditionTypes.RefNotValid, ConditionReasons.NotSet, "The `id` is not valid."), now);
                return null;
            case ResolutionOutcome.NotFound:
                set.Set(Critical(ConditionTypes.RefNotValid, ConditionReasons.NotFound, "Referenced host not found.") with
                {
                    Items = [(host.HostRef with { Type = host.HostRef.Type ?? "host" }).ToString()],
                }, now);
                return null;
            case ResolutionOutcome.Ambiguous:
                set.Set(Critical(ConditionTypes.RefNotValid, ConditionReasons.Ambiguous,
                    $"The host name '{host.HostRef.Name}' matches {resolution.Candidates.Count} hosts; refer to it by id.") with
                {
                    Items = [.. resolution.Candidates.Select(h => $"(host) id:{h.Id} name:'{h.Path}' ")],
                }, now);
                return null;
            default:
                return resolution.Item;
        }
    }

    private static void ValidateIp(MigrationNetworkHost host, EsxiHost? esxi, ConditionSet set, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(host.IpAddress))
        {
            set.Set(Critical(ConditionTypes.IpNotValid, ConditionReasons.NotSet, "The `ipAddress` is not set."), now);
            return;
        }
        if (!IsIpAddress(host.IpAddress))
        {
            set.Set(Critical(ConditionTypes.IpNotValid, ConditionReasons.Malformed, $"The `ipAddress` '{host.IpAddress}' is not an IP address."), now);
            return;
        }
        if (esxi is null) return;
        if (esxi.NetworkAdapters.Any(a => a.IpAddress == host.IpAddress)) return;
        set.Set(Critical(ConditionTypes.IpNotValid, ConditionReasons.NotFound,
            $"'{host.IpAddress}' is not an address of host '{esxi.Name}'; pick one of its VMkernel adapters.") with
        {
            Items = [.. SortFastestFirst(esxi.NetworkAdapters).Select(a => $"{a.Name} {a.IpAddress}")],
        }, now);
    }

    private static void ValidateSecret(MigrationNetworkHost host, IReadOnlyCollection<string>? secretKeys, ConditionSet set, DateTimeOffset now)
    {
        if (host.SecretId is null)
        {
            set.Set(Critical(ConditionTypes.SecretNotValid, ConditionReasons.NotSet, "The `secret` is not valid."), now);
            return;
        }
        if (secretKeys is null)
        {
            set.Set(Critical(ConditionTypes.SecretNotValid, ConditionReasons.NotFound, "The `secret` cannot be found."), now);
            return;
        }
        var missing = RequiredSecretKeys.Where(k => !secretKeys.Contains(k)).ToList();
        if (missing.Count > 0)
            set.Set(Critical(ConditionTypes.SecretNotValid, ConditionReasons.DataErr, "The `secret` missing required data.") with { Items = missing }, now);
    }

    private static void SetConnection(HostConnectionCheck connection, ConditionSet set, DateTimeOffset now)
    {
        if (connection.Succeeded)
        {
            set.Set(new Condition
            {
                Type = ConditionTypes.ConnectionTestSucceeded, Category = ConditionCategory.Required, Reason = ConditionReasons.Tested,
                Message = "Connection test, succeeded.",
            }, now);
            return;
        }
        set.Set(Critical(ConditionTypes.ConnectionTestFailed, ConditionReasons.Tested, $"Connection test, failed: {connection.Error}") with
        {
            Suggestion = "Check that the address is reachable from the console on port 443, the ESXi credentials, and that the host's certificate matches the inventory thumbprint.",
        }, now);
    }

    /// <summary>The order adapters are offered in: fastest link first, then the largest MTU, then by name.</summary>
    public static IReadOnlyList<HostNetworkAdapter> SortFastestFirst(IEnumerable<HostNetworkAdapter> adapters) =>
        [.. adapters.OrderByDescending(a => a.LinkSpeedMbps).ThenByDescending(a => a.Mtu).ThenBy(a => a.Name, StringComparer.Ordinal)];

    /// <summary>A dotted-quad IPv4 or an IPv6 address (not the legacy short IPv4 forms such as <c>10.1</c>).</summary>
    public static bool IsIpAddress(string value) =>
        IPAddress.TryParse(value, out var address) &&
        (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || value.Count(c => c == '.') == 3);

    private static Condition Critical(string type, string reason, string message) =>
        new() { Type = type, Category = ConditionCategory.Critical, Reason = reason, Message = message };
}
