namespace MtvConsole.FakeKube;

/// <summary>Kubeconfig files as users paste or upload them, for the tests of the kubeconfig inspector and the provider form.</summary>
public static class SampleKubeconfigs
{
    /// <summary>The bearer token of <see cref="TwoContexts"/>' only user.</summary>
    public const string Token = "sha256~kubeconfig-token";

    /// <summary>The user line of <see cref="TwoContexts"/>, to replace with other credentials.</summary>
    public const string TokenLine = "    token: " + Token;

    /// <summary>Two clusters (prod, lab) with a context each (prod-admin, lab-admin), one token user, no current context.</summary>
    public const string TwoContexts = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: prod
          cluster:
            server: https://api.prod.example.com:6443
        - name: lab
          cluster:
            server: https://api.lab.example.com:6443
        users:
        - name: sa
          user:
            token: sha256~kubeconfig-token
        contexts:
        - name: prod-admin
          context: {cluster: prod, user: sa}
        - name: lab-admin
          context: {cluster: lab, user: sa}
        """;
}
