using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Ports;

/// <summary>
/// Checks a VDDK init image on a target cluster before a plan may start, as Forklift's "validate VDDK" Job does
/// (kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go:2059-2160, createVddkCheckJob): the image as init
/// container copying its <c>/opt</c> into a shared volume, then a container checking that
/// <c>/opt/vmware-vix-disklib-distrib/lib64/libvixDiskLib.so</c> is there.
/// </summary>
public interface IVddkImageValidator
{
    /// <summary>Starts the Job unless it exists (then it is adopted) and reports what it has found so far.</summary>
    Task<VddkValidationResult> ValidateAsync(VddkValidationJob job, CancellationToken cancellationToken = default);

    /// <summary>Deletes the Job and its pods (an image that is no longer the provider's).</summary>
    Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default);
}

/// <summary>The validation Job of <paramref name="Image"/>, for the provider named <paramref name="ProviderName"/>.</summary>
public sealed record VddkValidationJob(string Namespace, string Name, string Image, string ProviderName, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// The Job's state: running (with the kubelet's waiting <see cref="Reason"/> and <see cref="Message"/> while the image
/// cannot be pulled), succeeded, or failed (with why). <see cref="StartedAt"/> is when the Job started, if known.
/// </summary>
public sealed record VddkValidationResult(VddkImageCheckPhase Phase, string Reason, string Message, DateTimeOffset? StartedAt);
