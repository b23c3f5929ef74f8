using MtvConsole.FakeKube;
using MtvConsole.KubeVirt.Connection;

namespace MtvConsole.KubeVirt.Tests;

public sealed class KubeconfigInspectorTests
{
    private const string TwoContexts = SampleKubeconfigs.TwoContexts;

    [Fact]
    public void Several_contexts_without_a_current_one_are_offered_and_the_chosen_one_gives_the_api_url()
    {
        var unchosen = KubeconfigInspector.Inspect(TwoContexts);
        Assert.Equal(["prod-admin", "lab-admin"], unchosen.Contexts);
        Assert.Equal("The kubeconfig has 2 contexts and no current-context: choose one.", unchosen.Problem);

        var lab = KubeconfigInspector.Inspect(TwoContexts, "lab-admin");
        Assert.Null(lab.Problem);
        Assert.Equal(("lab-admin", "https://api.lab.example.com:6443"), (lab.Context, lab.Server));
    }

    [Fact]
    public void The_current_context_is_used_when_none_is_chosen()
    {
        var inspected = KubeconfigInspector.Inspect(TwoContexts + "\ncurrent-context: prod-admin\n");

        Assert.True(inspected.Usable);
        Assert.Equal("https://api.prod.example.com:6443", inspected.Server);
    }

    [Fact]
    public void A_context_that_does_not_exist_names_the_ones_that_do()
    {
        Assert.Equal("The kubeconfig has no context named 'dev'; it has prod-admin, lab-admin.", KubeconfigInspector.Inspect(TwoContexts, "dev").Problem);
    }

    [Fact]
    public void An_exec_plugin_is_refused_with_the_command_it_would_run()
    {
        var text = TwoContexts.Replace(SampleKubeconfigs.TokenLine,
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [eks, get-token]", StringComparison.Ordinal);

        var problem = KubeconfigInspector.Inspect(text, "prod-admin").Problem;

        Assert.StartsWith("The user 'sa' gets its credentials by running 'aws' (an exec plugin), which the console cannot run.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_auth_provider_plugin_is_refused_by_name()
    {
        var text = TwoContexts.Replace(SampleKubeconfigs.TokenLine, "    auth-provider:\n      name: oidc\n      config: {idp-issuer-url: 'https://sso.example.com'}", StringComparison.Ordinal);

        Assert.StartsWith("The user 'sa' uses the 'oidc' auth-provider plugin", KubeconfigInspector.Inspect(text, "lab-admin").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_is_refused_unless_the_server_is_on_loopback()
    {
        var remote = KubeconfigInspector.Inspect(Kubeconfigs.WithToken("http://api.prod.example.com:6443", "t"));
        Assert.Contains("without TLS", remote.Problem, StringComparison.Ordinal);

        var loopback = KubeconfigInspector.Inspect(Kubeconfigs.WithToken("http://127.0.0.1:8001", "t"));
        Assert.True(loopback.Usable);
    }

    [Fact]
    public void Files_of_another_machine_are_refused_with_the_flatten_advice()
    {
        var text = Kubeconfigs.WithToken("https://api.prod.example.com:6443", "t").Replace("    server:", "    certificate-authority: /home/me/.kube/ca.crt\n    server:", StringComparison.Ordinal);

        var problem = KubeconfigInspector.Inspect(text).Problem;

        Assert.Contains("'/home/me/.kube/ca.crt'", problem, StringComparison.Ordinal);
        Assert.Contains("oc config view --minify --flatten", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_credentials_and_text_that_is_not_a_kubeconfig_are_refused()
    {
        var noCredentials = Kubeconfigs.WithToken("https://api.prod.example.com:6443", "t").Replace("    token: t", "    username: only", StringComparison.Ordinal);
        Assert.StartsWith("The user 'console' holds no credentials", KubeconfigInspector.Inspect(noCredentials).Problem, StringComparison.Ordinal);

        Assert.StartsWith("The file is not a kubeconfig", KubeconfigInspector.Inspect("clusters: [unclosed").Problem, StringComparison.Ordinal);
        Assert.Equal("The kubeconfig is empty.", KubeconfigInspector.Inspect("  ").Problem);
    }
}
