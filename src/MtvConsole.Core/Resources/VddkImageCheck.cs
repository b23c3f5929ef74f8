namespace MtvConsole.Core.Resources;

public enum VddkImageCheckPhase
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// What the validation Job found about one source provider's VDDK init image on one target cluster (Forklift's
/// "validate VDDK" Job, kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go:1795-2160). Kept until the
/// provider's image changes or the provider is saved again, so plans reuse it instead of running the Job again.
/// <see cref="Reason"/> and <see cref="Message"/> are the kubelet's while the image cannot be pulled
/// (<c>ErrImagePull</c>, <c>ImagePullBackOff</c>), or the failed Job's.
/// </summary>
public sealed class VddkImageCheck
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ProviderId { get; set; }
    public Guid TargetProviderId { get; set; }
    public string Image { get; set; } = "";
    public string Namespace { get; set; } = "";
    public string JobName { get; set; } = "";
    public VddkImageCheckPhase Phase { get; set; }
    public string Reason { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
