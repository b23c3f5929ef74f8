using MtvConsole.FakeKube;
using MtvConsole.KubeVirt.Connection;

namespace MtvConsole.KubeVirt.Tests;

public sealed class ConnectionTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeClusterFixture.StartSeededAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Good_token_reports_the_server_version_and_every_permission_granted()
    {
        var connection = ClusterConnection.FromSecret(_cluster.Server.Url.ToString(), new Dictionary<string, string> { ["token"] = "good-token" }, insecureSkipVerify: false);

        var report = await ConnectionTester.TestAsync(connection.CreateClient());

        Assert.Equal(FakeKubeServer.GitVersion, report.ServerVersion);
        Assert.True(report.Succeeded);
        Assert.Empty(report.Missing);
    }

    [Fact]
    public async Task Bad_token_fails_with_the_api_servers_message()
    {
        var client = _cluster.Client("expired-token");

        var error = await Assert.ThrowsAsync<ClusterConnectionException>(() => ConnectionTester.TestAsync(client));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unauthorized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_token_on_inventory_is_a_connection_failure_not_a_crash()
    {
        var adapter = new KubeVirtTargetCluster(_cluster.Client("expired-token"), new FixedCredentials(), new KubeVirtOptions());

        var error = await Assert.ThrowsAsync<ClusterConnectionException>(() => adapter.GetInventoryAsync());

        Assert.Contains("Unauthorized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_that_cannot_read_persistent_volume_claims_is_refused_by_the_connection_test()
    {
        // The engine reads each DataVolume's claim: checkpoint.copied.<current> (warm) and the importer pod's name.
        _cluster.Server.Rbac.Deny("", "persistentvolumeclaims", "get");

        var report = await ConnectionTester.TestAsync(_cluster.Client());

        Assert.False(report.Succeeded);
        Assert.Equal(["get persistentvolumeclaims"], report.Missing.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public async Task Missing_rbac_lists_each_missing_permission_by_resource_and_verb()
    {
        _cluster.Server.Rbac.Deny("cdi.kubevirt.io", "datavolumes", "create", "delete");
        _cluster.Server.Rbac.Deny("kubevirt.io", "virtualmachines", "patch");

        var report = await ConnectionTester.TestAsync(_cluster.Client());

        Assert.False(report.Succeeded);
        Assert.Equal(
            ["create datavolumes.cdi.kubevirt.io", "delete datavolumes.cdi.kubevirt.io", "patch virtualmachines.kubevirt.io"],
            report.Missing.Select(p => p.ToString()).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("datavolumes.cdi.kubevirt.io (create, delete)", report.Describe(), StringComparison.Ordinal);
        Assert.Contains("virtualmachines.kubevirt.io (patch)", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_least_privilege_token_is_told_each_rule_the_conversion_and_owner_references_need()
    {
        _cluster.Server.Rbac.Deny("kubevirt.io", "virtualmachines/finalizers", "update");
        _cluster.Server.Rbac.Deny("cdi.kubevirt.io", "datavolumes/finalizers", "update");
        _cluster.Server.Rbac.Deny("", "pods/proxy", "get");
        _cluster.Server.Rbac.Deny("", "pods/log", "get");
        _cluster.Server.Rbac.DenyNamed("security.openshift.io", "securitycontextconstraints", "forklift-controller-scc", "use");
        _cluster.Server.Rbac.Deny("cdi.kubevirt.io", "storageprofiles", "watch");

        var report = await ConnectionTester.TestAsync(_cluster.Client());

        Assert.Equal(
            ["get pods/log", "get pods/proxy", "update datavolumes/finalizers.cdi.kubevirt.io", "update virtualmachines/finalizers.kubevirt.io",
             "use securitycontextconstraints.security.openshift.io \"forklift-controller-scc\"", "watch storageprofiles.cdi.kubevirt.io"],
            report.Missing.Select(p => p.ToString()).Order(StringComparer.Ordinal).ToArray());
        var text = report.Describe();
        Assert.Contains("virtualmachines/finalizers.kubevirt.io (update), add to the console's ClusterRole the rule {apiGroups: [\"kubevirt.io\"], resources: [\"virtualmachines/finalizers\"], verbs: [\"update\"]}", text, StringComparison.Ordinal);
        Assert.Contains("{apiGroups: [\"cdi.kubevirt.io\"], resources: [\"datavolumes/finalizers\"], verbs: [\"update\"]}", text, StringComparison.Ordinal);
        Assert.Contains("{apiGroups: [\"\"], resources: [\"pods/proxy\"], verbs: [\"get\"]}", text, StringComparison.Ordinal);
        Assert.Contains("{apiGroups: [\"\"], resources: [\"pods/log\"], verbs: [\"get\"]}", text, StringComparison.Ordinal);
        Assert.Contains("{apiGroups: [\"security.openshift.io\"], resources: [\"securitycontextconstraints\"], resourceNames: [\"forklift-controller-scc\"], verbs: [\"use\"]}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_test_asks_about_the_configured_conversion_scc()
    {
        _cluster.Server.Rbac.DenyNamed("security.openshift.io", "securitycontextconstraints", "mtv-console-v2v", "use");
        var forklift = new KubeVirtTargetCluster(_cluster.Client(), new FixedCredentials(), new KubeVirtOptions());
        var own = new KubeVirtTargetCluster(_cluster.Client(), new FixedCredentials(), new KubeVirtOptions { ConversionScc = "mtv-console-v2v" });

        Assert.True((await forklift.TestConnectionAsync()).Succeeded);
        var report = await own.TestConnectionAsync();
        Assert.Equal("use securitycontextconstraints.security.openshift.io \"mtv-console-v2v\"", Assert.Single(report.Missing).ToString());
    }

    [Fact]
    public void Secret_without_token_or_kubeconfig_is_refused_with_a_reason()
    {
        var error = Assert.Throws<ClusterConnectionException>(() =>
            ClusterConnection.FromSecret("https://api.example.com:6443", new Dictionary<string, string> { ["user"] = "x" }, false));
        Assert.Contains("token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insecure_switch_is_honoured_and_a_bad_ca_bundle_is_refused()
    {
        var insecure = ClusterConnection.FromSecret("https://api.example.com:6443",
            new Dictionary<string, string> { ["token"] = "t", ["insecureSkipVerify"] = "true" }, false).Configuration();
        Assert.True(insecure.SkipTlsVerify);

        var badCa = ClusterConnection.FromSecret("https://api.example.com:6443", new Dictionary<string, string> { ["token"] = "t", ["cacert"] = "not a pem" }, false);
        Assert.Throws<ClusterConnectionException>(() => badCa.Configuration());
    }

    [Fact]
    public async Task Uploaded_kubeconfig_reaches_the_cluster_with_its_token()
    {
        var kubeconfig = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {_cluster.Server.Url}
            users:
            - name: console
              user:
                token: good-token
            contexts:
            - name: fake
              context:
                cluster: fake
                user: console
            current-context: fake
            """;

        var report = await ConnectionTester.TestAsync(ClusterConnection.FromSecret("", new Dictionary<string, string> { ["kubeconfig"] = kubeconfig }, false).CreateClient());

        Assert.Equal(FakeKubeServer.GitVersion, report.ServerVersion);
    }
}
