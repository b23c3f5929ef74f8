using System.Text;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>Kubeconfig texts as `oc config view --minify --flatten` writes them.</summary>
internal static class Kubeconfigs
{
    public static string WithToken(string server, string token, string? caPem = null, string context = "fake") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster:
            server: {server}
        {(caPem is null ? "" : $"    certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem))}")}
        users:
        - name: console
          user:
            token: {token}
        contexts:
        - name: {context}
          context:
            cluster: fake
            user: console
        current-context: {context}
        """;
}
