using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Providers;

/// <summary>A server certificate as the trust step shows it.</summary>
public sealed record CertificateInfo(
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Sha1,
    string Sha256,
    string Pem)
{
    public CertificateFingerprints Fingerprints => new(Sha1, Sha256);

    public static CertificateInfo From(X509Certificate2 certificate) => new(
        certificate.Subject,
        certificate.Issuer,
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        CertificateFingerprints.Format(certificate.GetCertHash(HashAlgorithmName.SHA1)),
        CertificateFingerprints.Format(certificate.GetCertHash(HashAlgorithmName.SHA256)),
        certificate.ExportCertificatePem());
}

/// <summary>Fetches the certificate a TLS server presents, without trusting it.</summary>
public interface ICertificateFetcher
{
    /// <summary>Connects to the URL's host and port; throws <see cref="CertificateFetchException"/> with a readable reason.</summary>
    Task<CertificateInfo> FetchAsync(string url, CancellationToken cancellationToken = default);
}

public sealed class CertificateFetchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Opens a TLS connection (SslStream) to the URL's host:port and captures the server certificate.</summary>
public sealed class TlsCertificateFetcher(TimeProvider time) : ICertificateFetcher
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<CertificateInfo> FetchAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            throw new CertificateFetchException($"'{url}' is not an https URL.");

        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var endpoint = $"{uri.Host}:{uri.Port}";
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(uri.Host, uri.Port, linked.Token);
            X509Certificate2? presented = null;
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = uri.Host,
                // Capture, do not judge: the user decides whether to trust what is shown.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is not null) presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    return true;
                },
            }, linked.Token);
            if (presented is null) throw new CertificateFetchException($"{endpoint} presented no certificate.");
            using (presented) return CertificateInfo.From(presented);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CertificateFetchException($"No answer from {endpoint} within {Timeout.TotalSeconds:0} seconds.");
        }
        catch (SocketException e)
        {
            throw new CertificateFetchException($"Could not connect to {endpoint}: {e.Message}", e);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            throw new CertificateFetchException($"{endpoint} did not complete a TLS handshake: {e.Message}", e);
        }
    }
}
