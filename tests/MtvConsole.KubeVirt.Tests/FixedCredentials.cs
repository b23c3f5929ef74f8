using MtvConsole.KubeVirt;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>Source credentials for tests: one user and password for every provider, and who asked.</summary>
internal sealed class FixedCredentials(string user = "administrator@vsphere.local", string password = "s3cret!") : ISourceCredentials
{
    public List<Guid> Requests { get; } = [];

    public Task<SourceCredentials> GetAsync(Guid sourceProviderId, CancellationToken cancellationToken = default)
    {
        Requests.Add(sourceProviderId);
        return Task.FromResult(new SourceCredentials(user, password));
    }
}
