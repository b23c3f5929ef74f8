using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Lab;

namespace MtvConsole.Web.Providers;

/// <summary>
/// Resolves providers to adapters. Lab-backed providers share the one simulated world; remote vSphere
/// providers get the vim25 adapter (<see cref="VsphereAdapters"/>); real cluster adapters plug in here.
/// </summary>
internal sealed class ProviderAdapters(LabVCenter labVCenter, LabCluster labCluster, VsphereAdapters vsphere) : IProviderAdapters
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
        _ => throw new ProviderUnavailableException(
            $"Provider '{provider.Name}' points at a real cluster, and this build has no KubeVirt adapter yet; use the Lab provider."),
    };
}
