using MtvConsole.Core.References;

namespace MtvConsole.Core.Resources;

/// <summary>
/// Forklift's Host: the migration network of one ESXi host. When Ready, the engine reads that host's
/// disks through <see cref="IpAddress"/> (<c>https://&lt;ip&gt;/sdk</c>) with the ESXi credentials.
/// </summary>
public sealed class MigrationNetworkHost : Resource
{
    public Guid ProviderId { get; set; }
    public Ref HostRef { get; set; } = new();
    public string IpAddress { get; set; } = "";
    public string UserName { get; set; } = "";
    public Guid? SecretId { get; set; }
}
