using MtvConsole.KubeVirt;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// Source credentials for tests: one user and password for every provider (changeable, as a password change would),
/// ESXi credentials per migration host, and who asked.
/// </summary>
internal sealed class FixedCredentials(string user = "administrator@vsphere.local", string password = "s3cret!") : ISourceCredentials
{
    public List<Guid> Requests { get; } = [];

    public string User { get; set; } = user;

    public string Password { get; set; } = password;

    /// <summary>The ESXi account of each migration network host.</summary>
    public Dictionary<Guid, SourceCredentials> Hosts { get; } = [];

    public Task<SourceCredentials> GetAsync(Guid sourceProviderId, Guid? migrationHostId, CancellationToken cancellationToken = default)
    {
        Requests.Add(sourceProviderId);
        return Task.FromResult(migrationHostId is { } host ? Hosts[host] : new SourceCredentials(User, Password));
    }
}
