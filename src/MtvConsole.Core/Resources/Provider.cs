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

    /// <summary>
    /// vSphere: the VDDK init image CDI's importer copies the VMware VDDK library from (Forklift's
    /// <c>Provider.spec.settings.vddkInitImage</c>, kubev2v/forklift d42511bb2 pkg/apis/forklift/v1beta1/provider.go).
    /// VDDK may not be redistributed, so users build and host this image themselves; null when not set.
    /// </summary>
    public string? VddkInitImage { get; set; }

    /// <summary>A remote vSphere provider's DataVolumes need a VDDK init image; the Lab's simulated copy does not.</summary>
    public bool NeedsVddkImage => Type == ProviderType.Vsphere && Backing == ProviderBacking.Remote;

    public bool IsHostCluster => Type == ProviderType.OpenShift && string.IsNullOrEmpty(Url);
}

public enum ProviderPhase
{
    Staging,
    ValidationFailed,
    ConnectionFailed,
    Ready,
}
