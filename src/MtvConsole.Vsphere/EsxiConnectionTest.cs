using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere;

/// <summary>The outcome of logging in to an ESXi host's SDK over its migration network.</summary>
public sealed record EsxiConnectionResult(bool Succeeded, string? Error);

/// <summary>
/// Tests a host migration network: logs in to <c>https://&lt;ip&gt;/sdk</c> with the host's credentials, trusting only
/// the host's SSL thumbprint from the inventory, and logs out again.
/// </summary>
public static class EsxiConnectionTest
{
    public static async Task<EsxiConnectionResult> RunAsync(
        string ipAddress, string user, string password, string thumbprint, TimeSpan timeout, int port = 443, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(thumbprint))
            return new EsxiConnectionResult(false, "The host has no SSL thumbprint in the inventory; refresh the provider's inventory first.");
        var host = ipAddress.Contains(':', StringComparison.Ordinal) && !ipAddress.StartsWith('[') ? $"[{ipAddress}]" : ipAddress;
        await using var client = new VimClient(new VsphereConnectionOptions
        {
            Url = new Uri(port == 443 ? $"https://{host}/sdk" : $"https://{host}:{port}/sdk"),
            UserName = user,
            Password = password,
            PinnedSha1 = thumbprint,
            Timeout = timeout,
        });
        try
        {
            await client.ConnectAsync(ct).ConfigureAwait(false);
            return new EsxiConnectionResult(true, null);
        }
        catch (Exception e) when (e is VimFaultException or HttpRequestException or TimeoutException or IOException)
        {
            return new EsxiConnectionResult(false, e.Message);
        }
    }
}
