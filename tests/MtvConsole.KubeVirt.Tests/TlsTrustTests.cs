using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MtvConsole.Core.Resources;
using MtvConsole.FakeKube;
using MtvConsole.KubeVirt.Connection;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>The provider's CA bundle, pinned fingerprint or skip switch become the client's TLS trust, against FakeKube over https.</summary>
public sealed class TlsTrustTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync(https: true);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private string Url => _cluster.Server.Url.ToString();

    private Task<ConnectionReport> TestAsync(Dictionary<string, string> secret, bool insecure = false, string? pinned = null) =>
        ConnectionTester.TestAsync(ClusterConnection.FromSecret(Url, secret, insecure, pinned).CreateClient());

    [Fact]
    public async Task The_ca_bundle_becomes_the_trusted_roots_even_among_other_certificates()
    {
        var bundle = OtherCaPem("some-other-ca") + "\n" + _cluster.Server.CaPem + "\n" + OtherCaPem("yet-another-ca");

        var report = await TestAsync(new() { ["token"] = "good-token", ["cacert"] = bundle });

        Assert.Equal(FakeKubeServer.GitVersion, report.ServerVersion);
    }

    [Fact]
    public async Task A_wrong_ca_says_the_certificate_is_not_trusted_and_what_to_do()
    {
        var error = await Assert.ThrowsAsync<ClusterConnectionException>(() =>
            TestAsync(new() { ["token"] = "good-token", ["cacert"] = OtherCaPem("wrong-ca") }));

        Assert.StartsWith("The API server's certificate is not trusted.", error.Message, StringComparison.Ordinal);
        Assert.Contains("CA bundle", error.Message, StringComparison.Ordinal);
        Assert.Contains("skip certificate verification", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_ca_bundle_a_private_ca_is_not_trusted()
    {
        var error = await Assert.ThrowsAsync<ClusterConnectionException>(() => TestAsync(new() { ["token"] = "good-token" }));

        Assert.StartsWith("The API server's certificate is not trusted.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_explicit_skip_switch_accepts_any_certificate()
    {
        var report = await TestAsync(new() { ["token"] = "good-token", ["cacert"] = OtherCaPem("ignored-ca") }, insecure: true);

        Assert.Equal(FakeKubeServer.GitVersion, report.ServerVersion);
    }

    [Fact]
    public async Task A_pinned_fingerprint_accepts_that_certificate_and_no_other()
    {
        var presented = X509Certificate2.CreateFromPem(_cluster.Server.CaPem);
        var sha256 = CertificateFingerprints.Format(presented.GetCertHash(HashAlgorithmName.SHA256));

        var report = await TestAsync(new() { ["token"] = "good-token" }, pinned: sha256.ToLowerInvariant());
        Assert.Equal(FakeKubeServer.GitVersion, report.ServerVersion);

        var other = CertificateFingerprints.Format(SHA256.HashData(presented.RawData.Reverse().ToArray()));
        var error = await Assert.ThrowsAsync<ClusterConnectionException>(() => TestAsync(new() { ["token"] = "good-token" }, pinned: other));
        Assert.StartsWith("The API server's certificate is not trusted.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubeconfig_with_a_token_and_embedded_ca_connects_over_https()
    {
        var kubeconfig = Kubeconfigs.WithToken(Url, "good-token", _cluster.Server.CaPem);

        var report = await ConnectionTester.TestAsync(ClusterConnection.FromSecret("", new Dictionary<string, string> { ["kubeconfig"] = kubeconfig }, false).CreateClient());

        Assert.Equal(FakeKubeServer.GitVersion, report.ServerVersion);
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task A_kubeconfig_with_the_wrong_embedded_ca_is_not_trusted()
    {
        var kubeconfig = Kubeconfigs.WithToken(Url, "good-token", OtherCaPem("wrong-ca"));

        var error = await Assert.ThrowsAsync<ClusterConnectionException>(() =>
            ConnectionTester.TestAsync(ClusterConnection.FromSecret("", new Dictionary<string, string> { ["kubeconfig"] = kubeconfig }, false).CreateClient()));

        Assert.StartsWith("The API server's certificate is not trusted.", error.Message, StringComparison.Ordinal);
    }

    internal static string OtherCaPem(string name)
    {
        using var key = ECDsa.Create();
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return cert.ExportCertificatePem();
    }
}
