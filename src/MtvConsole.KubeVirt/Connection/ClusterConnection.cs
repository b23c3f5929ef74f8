using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;

namespace MtvConsole.KubeVirt.Connection;

/// <summary>
/// How to reach a cluster: an API URL with a bearer token (trusting a CA bundle, or — only when asked —
/// skipping TLS verification), an uploaded kubeconfig, or the service account of the pod we run in.
/// </summary>
public abstract record ClusterConnection
{
    public abstract KubernetesClientConfiguration Configuration();

    public IKubernetes CreateClient() => new Kubernetes(Configuration());

    /// <summary>Forklift's provider secret keys: <c>token</c>, <c>cacert</c>, <c>insecureSkipVerify</c>; or a whole <c>kubeconfig</c>.</summary>
    public static ClusterConnection FromSecret(string url, IReadOnlyDictionary<string, string> secret, bool insecureSkipVerify)
    {
        if (secret.TryGetValue("kubeconfig", out var kubeconfig) && !string.IsNullOrWhiteSpace(kubeconfig)) return new KubeconfigConnection(kubeconfig);
        if (!secret.TryGetValue("token", out var token) || string.IsNullOrWhiteSpace(token))
            throw new ClusterConnectionException("The provider's secret holds neither a token nor a kubeconfig.");
        if (string.IsNullOrWhiteSpace(url)) throw new ClusterConnectionException("A token needs the cluster's API URL.");
        var insecure = insecureSkipVerify || (secret.TryGetValue("insecureSkipVerify", out var i) && bool.TryParse(i, out var b) && b);
        return new TokenConnection(url, token.Trim(), secret.GetValueOrDefault("cacert"), insecure);
    }
}

/// <summary>API URL + bearer token. Without <see cref="CaBundlePem"/> the system trust store is used unless <see cref="InsecureSkipVerify"/>.</summary>
public sealed record TokenConnection(string Url, string Token, string? CaBundlePem, bool InsecureSkipVerify) : ClusterConnection
{
    public override KubernetesClientConfiguration Configuration()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new ClusterConnectionException($"'{Url}' is not an http(s) URL of a Kubernetes API server.");
        var config = new KubernetesClientConfiguration { Host = Url, AccessToken = Token, SkipTlsVerify = InsecureSkipVerify };
        if (!string.IsNullOrWhiteSpace(CaBundlePem))
        {
            var certificates = new X509Certificate2Collection();
            try
            {
                certificates.ImportFromPem(CaBundlePem);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new ClusterConnectionException($"The CA bundle is not valid PEM: {e.Message}");
            }

            if (certificates.Count == 0) throw new ClusterConnectionException("The CA bundle holds no certificate.");
            config.SslCaCerts = certificates;
        }

        return config;
    }

    public override string ToString() => $"TokenConnection {{ Url = {Url}, Token = ***, InsecureSkipVerify = {InsecureSkipVerify} }}";
}

/// <summary>An uploaded kubeconfig; its current context is used.</summary>
public sealed record KubeconfigConnection(string Kubeconfig) : ClusterConnection
{
    public override KubernetesClientConfiguration Configuration()
    {
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Kubeconfig));
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or YamlDotNet.Core.YamlException or ArgumentException)
        {
            throw new ClusterConnectionException($"The kubeconfig cannot be used: {e.Message}");
        }
    }

    public override string ToString() => "KubeconfigConnection { *** }";
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
