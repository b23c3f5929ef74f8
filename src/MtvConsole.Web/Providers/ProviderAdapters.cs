using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Lab;

namespace MtvConsole.Web.Providers;

/// <summary>
/// Resolves providers to adapters. Lab-backed providers share the one simulated world; remote vSphere
/// providers get the vim25 adapter (<see cref="VsphereAdapters"/>); real OpenShift providers (remote or
/// the cluster the console runs in) get the KubeVirt adapter (<see cref="KubeVirtClusters"/>).
/// </summary>
internal sealed class ProviderAdapters(LabVCenter labVCenter, LabCluster labCluster, VsphereAdapters vsphere, KubeVirtClusters clusters, TimeProvider time) : IProviderAdapters
{
    public ISourceProvider Source(Provider provider) => provider switch
    {
        { Type: not ProviderType.Vsphere } => throw new ProviderUnavailableException($"Provider '{provider.Name}' is not a vSphere provider."),
        { Backing: ProviderBacking.Lab } => labVCenter,
        _ => vsphere.For(provider),
    };

    public ITargetCluster Target(Provider provider) => provider switch
    {
        { Type: not ProviderType.OpenShift } => throw new ProviderUnavailableException($"Provider '{provider.Name}' is not an OpenShift provider."),
        { Backing: ProviderBacking.Lab } => labCluster,
        _ => clusters.For(provider),
    };

    /// <summary>Hooks of a real cluster run as Jobs there; the Lab's run in the Lab's simulated runner.</summary>
    public IHookRunner? Hooks(Provider provider) =>
        KubeVirtClusters.Serves(provider) ? new KubeVirt.KubeVirtHookRunner(clusters.For(provider).Client) : null;

    /// <summary>A real cluster runs the VDDK validation Job; the Lab's validates every image at once.</summary>
    public IVddkImageValidator? VddkImages(Provider provider) => provider switch
    {
        { Type: not ProviderType.OpenShift } => null,
        { Backing: ProviderBacking.Lab } => new LabVddkImageValidator(time),
        _ when KubeVirtClusters.Serves(provider) => new KubeVirt.KubeVirtVddkImageValidator(clusters.For(provider).Client, clusters.Options),
        _ => null,
    };
}
