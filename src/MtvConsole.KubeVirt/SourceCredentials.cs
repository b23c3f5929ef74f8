namespace MtvConsole.KubeVirt;

/// <summary>The vSphere user and password the importer logs in with.</summary>
public sealed record SourceCredentials(string User, string Password)
{
    public override string ToString() => $"SourceCredentials {{ User = {User}, Password = *** }}";
}

/// <summary>Finds the credentials of a source provider (decrypted from the secret store by the host).</summary>
public interface ISourceCredentials
{
    Task<SourceCredentials> GetAsync(Guid sourceProviderId, CancellationToken cancellationToken = default);
}
