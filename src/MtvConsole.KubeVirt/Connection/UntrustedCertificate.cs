using System.Net.Http;
using System.Security.Authentication;

namespace MtvConsole.KubeVirt.Connection;

/// <summary>
/// Turns a TLS handshake refusal (the API server's certificate is not trusted) into a message that says
/// so and what to do; any other transport failure keeps its own message.
/// </summary>
public static class UntrustedCertificate
{
    public const string Advice =
        "Paste the CA bundle that signed the API server's certificate (on OpenShift: oc get configmap kube-root-ca.crt -n openshift-config -o jsonpath='{.data.ca\\.crt}'), " +
        "or fetch and trust the certificate's fingerprint, or — on a trusted network only — skip certificate verification.";

    public static bool Is(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is AuthenticationException) return true;
        return false;
    }

    /// <summary>The message a connection test reports for <paramref name="e"/>.</summary>
    public static string Describe(HttpRequestException e) => Is(e)
        ? $"The API server's certificate is not trusted. {Advice}"
        : $"The API server cannot be reached: {e.Message}";
}
