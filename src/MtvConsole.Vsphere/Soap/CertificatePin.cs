using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MtvConsole.Vsphere.Soap;

/// <summary>
/// Accepts a server certificate only when its SHA-1 fingerprint is the pinned one (or verification is
/// skipped). Remembers what the server presented so a refusal can name both fingerprints.
/// </summary>
internal sealed class CertificatePin(string? pinnedSha1, bool insecureSkipVerify)
{
    public string? Presented { get; private set; }

    public string? Expected => pinnedSha1;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null) return false;
        Presented = Sha1Of(certificate);
        if (insecureSkipVerify) return true;
        if (string.IsNullOrWhiteSpace(pinnedSha1)) return errors == SslPolicyErrors.None;
        return string.Equals(Normalize(pinnedSha1), Presented, StringComparison.Ordinal);
    }

    /// <summary>Upper-case colon-separated hex of the SHA-1 of the DER certificate.</summary>
    public static string Sha1Of(X509Certificate certificate) =>
        string.Join(':', SHA1.HashData(certificate.GetRawCertData()).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    public static string Normalize(string fingerprint) =>
        string.Join(':', fingerprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim()
            .ToUpperInvariant().Chunk(2).Select(c => new string(c)));
}
