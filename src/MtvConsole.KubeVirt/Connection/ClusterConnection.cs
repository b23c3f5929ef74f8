using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using MtvConsole.Core.Resources;

namespace MtvConsole.KubeVirt.Connection;

/// <summary>
/// How to reach a cluster: an API URL with a bearer token (trusting a CA bundle, a pinned certificate
/// fingerprint, or — only when asked — skipping TLS verification), an uploaded kubeconfig, or the service
/// account of the pod we run in.
/// </summary>
public abstract record ClusterConnection
{
    /// <summary>Secret key of an uploaded kubeconfig, and of the context chosen in it.</summary>
    public const string KubeconfigKey = "kubeconfig";

    public const string ContextKey = "context";

    public abstract KubernetesClientConfiguration Configuration();

    public IKubernetes CreateClient() => new Kubernetes(Configuration());

    /// <summary>
    /// Forklift's provider secret keys: <c>token</c>, <c>cacert</c>, <c>insecureSkipVerify</c>; or a whole
    /// <c>kubeconfig</c> (with the <c>context</c> chosen in it). <paramref name="pinnedSha256"/> is the
    /// fingerprint of the server certificate the user trusted, used when no CA bundle is given.
    /// </summary>
    public static ClusterConnection FromSecret(string url, IReadOnlyDictionary<string, string> secret, bool insecureSkipVerify, string? pinnedSha256 = null)
    {
        if (secret.TryGetValue(KubeconfigKey, out var kubeconfig) && !string.IsNullOrWhiteSpace(kubeconfig))
            return new KubeconfigConnection(kubeconfig, secret.GetValueOrDefault(ContextKey) is { Length: > 0 } context ? context : null);
        if (!secret.TryGetValue("token", out var token) || string.IsNullOrWhiteSpace(token))
            throw new ClusterConnectionException("The provider's secret holds neither a token nor a kubeconfig.");
        if (string.IsNullOrWhiteSpace(url)) throw new ClusterConnectionException("A token needs the cluster's API URL.");
        var insecure = insecureSkipVerify || (secret.TryGetValue("insecureSkipVerify", out var i) && bool.TryParse(i, out var b) && b);
        return new TokenConnection(url, token.Trim(), secret.GetValueOrDefault("cacert"), insecure, pinnedSha256);
    }
}

/// <summary>
/// API URL + bearer token. TLS trust, in order: <see cref="InsecureSkipVerify"/> (nothing checked), the
/// <see cref="CaBundlePem"/> as the only trusted roots, the <see cref="PinnedSha256"/> fingerprint (only
/// that certificate is accepted), else the system trust store.
/// </summary>
public sealed record TokenConnection(string Url, string Token, string? CaBundlePem, bool InsecureSkipVerify, string? PinnedSha256 = null) : ClusterConnection
{
    public override KubernetesClientConfiguration Configuration()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new ClusterConnectionException($"'{Url}' is not an http(s) URL of a Kubernetes API server.");
        var config = new KubernetesClientConfiguration { Host = Url, AccessToken = Token, SkipTlsVerify = InsecureSkipVerify };
        if (InsecureSkipVerify) return config;
        if (!string.IsNullOrWhiteSpace(CaBundlePem)) config.SslCaCerts = CaBundle.Parse(CaBundlePem);
        else if (!string.IsNullOrWhiteSpace(PinnedSha256)) config.FirstMessageHandlerSetup = PinnedCertificate.Accepting(PinnedSha256);
        return config;
    }

    public override string ToString() => $"TokenConnection {{ Url = {Url}, Token = ***, InsecureSkipVerify = {InsecureSkipVerify}, PinnedSha256 = {PinnedSha256} }}";
}

/// <summary>A PEM bundle of one or more CA certificates.</summary>
public static class CaBundle
{
    public static X509Certificate2Collection Parse(string pem)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new ClusterConnectionException($"The CA bundle is not valid PEM: {e.Message}");
        }

        if (certificates.Count == 0) throw new ClusterConnectionException("The CA bundle holds no certificate.");
        return certificates;
    }
}

/// <summary>A server certificate validation callback that accepts exactly the certificate with a given SHA-256 fingerprint.</summary>
public static class PinnedCertificate
{
    public static Action<System.Net.Http.SocketsHttpHandler> Accepting(string sha256) => handler =>
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => Matches(certificate, sha256);

    public static bool Matches(X509Certificate? certificate, string sha256) =>
        certificate is not null && CertificateFingerprints.Same(CertificateFingerprints.Format(certificate.GetCertHash(HashAlgorithmName.SHA256)), sha256);
}

/// <summary>An uploaded kubeconfig; <see cref="Context"/> is used, or its current context when null.</summary>
public sealed record KubeconfigConnection(string Kubeconfig, string? Context = null) : ClusterConnection
{
    public override KubernetesClientConfiguration Configuration()
    {
        var inspected = KubeconfigInspector.Inspect(Kubeconfig, Context);
        if (inspected.Problem is { } problem) throw new ClusterConnectionException(problem);
        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(inspected.Config!, inspected.Context);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or ArgumentException or FormatException or CryptographicException)
        {
            throw new ClusterConnectionException($"The kubeconfig cannot be used: {e.Message}");
        }
    }

    public override string ToString() => $"KubeconfigConnection {{ ***, Context = {Context} }}";
}

/// <summary>The service account token and CA mounted into the pod the console runs in.</summary>
public sealed record InClusterConnection : ClusterConnection
{
    public override KubernetesClientConfiguration Configuration()
    {
        if (!KubernetesClientConfiguration.IsInCluster())
            throw new ClusterConnectionException("The console does not run inside a cluster (no service account token is mounted).");
        return KubernetesClientConfiguration.InClusterConfig();
    }
}

/// <summary>The cluster cannot be used: bad settings, unreachable, or the API server refused us (its message included).</summary>
public sealed class ClusterConnectionException(string message, Exception? inner = null) : Exception(message, inner);
