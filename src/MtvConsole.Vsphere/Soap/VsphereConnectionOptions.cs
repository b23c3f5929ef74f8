namespace MtvConsole.Vsphere.Soap;

/// <summary>
/// Where and how to reach a vCenter (or ESXi) SDK endpoint. The URL may be the server root or end in
/// <c>/sdk</c>. Either <see cref="PinnedSha1"/> is set (colon hex, as vSphere writes thumbprints) or
/// <see cref="InsecureSkipVerify"/>; plain <c>http</c> is only for tests.
/// </summary>
public sealed record VsphereConnectionOptions
{
    public required Uri Url { get; init; }
    public required string UserName { get; init; }
    public required string Password { get; init; }
    public string? PinnedSha1 { get; init; }
    public bool InsecureSkipVerify { get; init; }

    /// <summary>The limit of one SOAP call, connecting included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The limit to establish a TCP/TLS connection (capped by <see cref="Timeout"/>).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public Uri SdkUrl => Url.AbsolutePath.TrimEnd('/').EndsWith("/sdk", StringComparison.OrdinalIgnoreCase)
        ? Url
        : new Uri(Url, "/sdk");
}
