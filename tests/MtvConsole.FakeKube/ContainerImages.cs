namespace MtvConsole.FakeKube;

/// <summary>
/// The images this fake cluster's nodes can pull, as a test registers them. Anything not registered cannot be
/// pulled: the kubelet reports it as a real one does (kubernetes/kubernetes 00a3928bde pkg/kubelet/images/image_manager.go,
/// EnsureImageExists): first <c>ErrImagePull</c> with the container runtime's error, then <c>ImagePullBackOff</c> with
/// <c>Back-off pulling image "&lt;image&gt;"</c>, retried for ever.
/// </summary>
public sealed class ContainerImages
{
    public const string VddkLibrary = "/opt/vmware-vix-disklib-distrib/lib64/libvixDiskLib.so";

    private readonly HashSet<string> _pullable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _vddk = new(StringComparer.Ordinal);

    /// <summary>A pullable image that contains the VMware VDDK library at <see cref="VddkLibrary"/> (a VDDK init image).</summary>
    public void AddVddk(string image)
    {
        _pullable.Add(image);
        _vddk.Add(image);
    }

    /// <summary>A pullable image without the VDDK library.</summary>
    public void Add(string image) => _pullable.Add(image);

    public bool IsPullable(string image) => _pullable.Contains(image);

    public bool HasVddkLibrary(string image) => _vddk.Contains(image);

    /// <summary>CRI-O's error for a tag the registry does not have (the runtime error the kubelet puts in ErrImagePull).</summary>
    public static string PullError(string image)
    {
        var at = image.LastIndexOf(':');
        var (repository, tag) = at > image.LastIndexOf('/') ? (image[..at], image[(at + 1)..]) : (image, "latest");
        return $"initializing source docker://{repository}:{tag}: reading manifest {tag} in {repository}: manifest unknown";
    }

    public static string BackOff(string image) => $"Back-off pulling image \"{image}\"";
}
