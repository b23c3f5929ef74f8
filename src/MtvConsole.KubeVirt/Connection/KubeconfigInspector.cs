using System.Text;
using k8s;
using k8s.KubeConfigModels;

namespace MtvConsole.KubeVirt.Connection;

/// <summary>What an uploaded kubeconfig offers: its contexts, the one used, its API server, or why it cannot be used.</summary>
public sealed record InspectedKubeconfig(K8SConfiguration? Config, IReadOnlyList<string> Contexts, string? Context, string? Server, string? Problem)
{
    public bool Usable => Problem is null;
}

/// <summary>
/// Reads a kubeconfig with KubernetesClient's loader and checks that the console can use the chosen
/// context on its own: the cluster is reached over https (plain http only on loopback), the credentials
/// are embedded (a token, a client certificate, or a user name and password), no file of another machine
/// is referred to, and no exec or auth-provider plugin has to run.
/// </summary>
public static class KubeconfigInspector
{
    private const string Flatten = "Export one that embeds everything with: oc config view --minify --flatten --context=<context>.";

    public static InspectedKubeconfig Inspect(string text, string? context = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return Fail("The kubeconfig is empty.");
        K8SConfiguration config;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            config = KubernetesClientConfiguration.LoadKubeConfig(stream);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or k8s.Exceptions.KubeConfigException or ArgumentException or FormatException or InvalidCastException)
        {
            return Fail($"The file is not a kubeconfig: {FirstLine(e.Message)}");
        }

        if (config is null) return Fail("The file is not a kubeconfig.");
        var contexts = (config.Contexts ?? []).Select(c => c.Name).Where(n => !string.IsNullOrEmpty(n)).ToList();
        if (contexts.Count == 0) return Fail("The kubeconfig has no contexts.");
        var chosen = string.IsNullOrWhiteSpace(context) ? config.CurrentContext : context.Trim();
        if (string.IsNullOrEmpty(chosen))
        {
            if (contexts.Count > 1) return new(config, contexts, null, null, $"The kubeconfig has {contexts.Count} contexts and no current-context: choose one.");
            chosen = contexts[0];
        }

        InspectedKubeconfig Problem(string message, string? server = null) => new(config, contexts, chosen, server, message);

        var details = config.Contexts!.FirstOrDefault(c => c.Name == chosen)?.ContextDetails;
        if (details is null) return Problem($"The kubeconfig has no context named '{chosen}'; it has {string.Join(", ", contexts)}.");
        var cluster = (config.Clusters ?? []).FirstOrDefault(c => c.Name == details.Cluster)?.ClusterEndpoint;
        if (cluster is null) return Problem($"Context '{chosen}' names the cluster '{details.Cluster}', which the kubeconfig does not define.");
        var server = cluster.Server?.Trim() ?? "";
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
            return Problem($"The cluster '{details.Cluster}' has no usable server URL ('{server}').");
        if (uri.Scheme == "http" && !uri.IsLoopback)
            return Problem($"The cluster '{details.Cluster}' is reached at {server} without TLS: the credentials would travel unencrypted. Use its https:// API URL.", server);
        if (!string.IsNullOrEmpty(cluster.CertificateAuthority))
            return Problem($"The cluster '{details.Cluster}' refers to the CA file '{cluster.CertificateAuthority}' of the machine the kubeconfig was made on. {Flatten}", server);

        var user = (config.Users ?? []).FirstOrDefault(u => u.Name == details.User)?.UserCredentials;
        if (user is null) return Problem($"Context '{chosen}' names the user '{details.User}', which the kubeconfig does not define.", server);
        if (user.ExternalExecution is { } exec)
            return Problem($"The user '{details.User}' gets its credentials by running '{exec.Command}' (an exec plugin), which the console cannot run. " +
                "Use a kubeconfig whose user holds a token, e.g. of a service account (oc create token <service-account> -n <namespace>).", server);
        if (user.AuthProvider is { } provider)
            return Problem($"The user '{details.User}' uses the '{provider.Name}' auth-provider plugin, which the console cannot run. " +
                "Use a kubeconfig whose user holds a token or a client certificate.", server);
        if (!string.IsNullOrEmpty(user.ClientCertificate) || !string.IsNullOrEmpty(user.ClientKey))
            return Problem($"The user '{details.User}' refers to client certificate files of the machine the kubeconfig was made on. {Flatten}", server);
        var hasCertificate = !string.IsNullOrEmpty(user.ClientCertificateData) && !string.IsNullOrEmpty(user.ClientKeyData);
        var hasPassword = !string.IsNullOrEmpty(user.UserName) && !string.IsNullOrEmpty(user.Password);
        if (string.IsNullOrEmpty(user.Token) && !hasCertificate && !hasPassword)
            return Problem($"The user '{details.User}' holds no credentials: it needs a token, a client certificate with its key, or a user name and password.", server);
        if (!string.IsNullOrEmpty(cluster.CertificateAuthorityData))
        {
            try
            {
                CaBundle.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cluster.CertificateAuthorityData)));
            }
            catch (Exception e) when (e is FormatException or ClusterConnectionException)
            {
                return Problem($"The cluster '{details.Cluster}' has certificate-authority-data that is not a base64 PEM certificate.", server);
            }
        }

        return new(config, contexts, chosen, server, null);

        static InspectedKubeconfig Fail(string message) => new(null, [], null, null, message);
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
