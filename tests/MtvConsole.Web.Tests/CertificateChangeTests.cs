using System.Net;
using System.Net.Http.Json;
using MtvConsole.Core.Conditions;
using MtvConsole.Web.Api.V1;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

public sealed class CertificateChangeTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public Task InitializeAsync()
    {
        _ = _factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_server_presenting_another_certificate_than_the_pinned_one_blocks_the_provider_naming_both()
    {
        using var trusted = TestCertificates.SelfSigned("vcenter-old");
        using var presented = TestCertificates.SelfSigned("vcenter-new");
        var old = CertificateInfo.From(trusted);
        var now = CertificateInfo.From(presented);
        await using var server = new LocalTlsServer(presented);
        var admin = await _factory.SignedInAsync("admin", ConsoleFactory.AdminPassword);

        var response = await admin.PostAsJsonAsync("/api/v1/providers",
            new ProviderRequest("pinned-vc", "vsphere", "remote", server.Url, "administrator@vsphere.local", "Vc-Passw0rd", PinnedSha1: old.Sha1, PinnedSha256: old.Sha256));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var provider = await response.Content.ReadFromJsonAsync<ProviderDto>();
        var changed = Assert.Single(provider!.Conditions, c => c.Type == ConditionTypes.CertificateChanged);
        Assert.Equal(nameof(ConditionCategory.Critical), changed.Category);
        Assert.Contains(old.Sha256, changed.Message);
        Assert.Contains(now.Sha256, changed.Message);
        Assert.Contains(old.Sha1, changed.Message);
        Assert.Contains(now.Sha1, changed.Message);
        Assert.Equal("ConnectionFailed", provider.Phase);
        Assert.DoesNotContain(provider.Conditions, c => c.Type == ConditionTypes.Ready);
    }

    [Fact]
    public async Task A_server_presenting_the_pinned_certificate_is_not_reported_as_changed()
    {
        using var certificate = TestCertificates.SelfSigned("vcenter");
        var info = CertificateInfo.From(certificate);
        await using var server = new LocalTlsServer(certificate);
        var admin = await _factory.SignedInAsync("admin", ConsoleFactory.AdminPassword);

        var response = await admin.PostAsJsonAsync("/api/v1/providers",
            new ProviderRequest("pinned-vc", "vsphere", "remote", server.Url, "administrator@vsphere.local", "Vc-Passw0rd", PinnedSha1: info.Sha1, PinnedSha256: info.Sha256));

        var provider = await response.Content.ReadFromJsonAsync<ProviderDto>();
        Assert.DoesNotContain(provider!.Conditions, c => c.Type == ConditionTypes.CertificateChanged);
        // The certificate is trusted; the local TLS server is no vCenter, so the vSphere adapter's SOAP call fails after the handshake.
        Assert.Contains(provider.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed && !c.Message.Contains("was refused", StringComparison.Ordinal));
    }
}
