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

    /// <summary>The limit of one SOAP call, connecting and retries included (WaitForUpdatesEx adds its maxWaitSeconds).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The limit of one attempt of a call (capped by <see cref="Timeout"/>); a read-only call is tried again after it.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a call is tried again after a transient failure: read-only calls after any (no connection, a reset,
    /// HTTP 502/503/504, an attempt timeout), other calls only when the connection could not be made. 0 turns retries off.
    /// </summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's delay; it doubles for each further retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The limit to establish a TCP/TLS connection (capped by <see cref="Timeout"/>).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public Uri SdkUrl => Url.AbsolutePath.TrimEnd('/').EndsWith("/sdk", StringComparison.OrdinalIgnoreCase)
        ? Url
        : new Uri(Url, "/sdk");
}
