namespace MtvConsole.KubeVirt;

/// <summary>The vSphere user and password the importer logs in with.</summary>
public sealed record SourceCredentials(string User, string Password)
{
    public override string ToString() => $"SourceCredentials {{ User = {User}, Password = *** }}";
}

/// <summary>
/// Finds the account the importer logs in with (decrypted from the secret store by the host): the ESXi credentials of
/// the migration network host when the disks are read through that host (<c>https://&lt;host ip&gt;/sdk</c>), otherwise
/// the source provider's (vCenter) credentials.
/// </summary>
// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/builder.go: Secret (the Host's secret when a Host applies).
public interface ISourceCredentials
{
    Task<SourceCredentials> GetAsync(Guid sourceProviderId, Guid? migrationHostId, CancellationToken cancellationToken = default);
}
