namespace MtvConsole.Core.Resources;

public enum ProviderType
{
    Vsphere,
    OpenShift,
}

/// <summary>What answers for a provider: the built-in Lab, a remote endpoint, or (OpenShift) the cluster the console runs in.</summary>
public enum ProviderBacking
{
    Lab,
    Remote,
    InCluster,
}

/// <summary>
/// A source (vSphere) or destination (OpenShift) provider. An OpenShift provider with no URL is the
/// "host" cluster. Secrets are stored encrypted in <see cref="StoredSecret"/>; the provider only points at one.
/// </summary>
public sealed class Provider : Resource
{
    public ProviderType Type { get; set; }
    public ProviderBacking Backing { get; set; }
    public string Url { get; set; } = "";
    public string UserName { get; set; } = "";
    public Guid? SecretId { get; set; }

    /// <summary>SHA-1 fingerprint of the pinned server certificate (colon hex), as vSphere thumbprints are written.</summary>
    public string? PinnedSha1 { get; set; }

    public string? PinnedSha256 { get; set; }
    public bool InsecureSkipVerify { get; set; }
    public ProviderPhase Phase { get; set; } = ProviderPhase.Staging;
    public DateTimeOffset? InventoryLoadedAt { get; set; }

    public bool IsHostCluster => Type == ProviderType.OpenShift && string.IsNullOrEmpty(Url);
}

public enum ProviderPhase
{
    Staging,
    ValidationFailed,
    ConnectionFailed,
    Ready,
}
