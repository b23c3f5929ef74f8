using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Ports;

/// <summary>Finds the adapter that answers for a provider: the Lab, a real vSphere or a real cluster.</summary>
public interface IProviderAdapters
{
    /// <summary>The source adapter of a vSphere provider; throws <see cref="ProviderUnavailableException"/> when there is none.</summary>
    ISourceProvider Source(Provider provider);

    /// <summary>The target adapter of an OpenShift provider; throws <see cref="ProviderUnavailableException"/> when there is none.</summary>
    ITargetCluster Target(Provider provider);

    /// <summary>The hook runner of an OpenShift provider (Jobs on a real cluster); null means the engine's default runner.</summary>
    IHookRunner? Hooks(Provider provider) => null;

    /// <summary>The VDDK image validator of an OpenShift provider; null when it cannot validate images.</summary>
    IVddkImageValidator? VddkImages(Provider provider) => null;
}

/// <summary>No adapter can serve this provider; the message says why and what to do.</summary>
public sealed class ProviderUnavailableException(string message) : Exception(message);
