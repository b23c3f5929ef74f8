using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

public sealed class CertificateFetcherTests
{
    [Fact]
    public async Task Fetching_from_a_local_tls_listener_shows_its_subject_issuer_validity_and_fingerprints()
    {
        using var certificate = TestCertificates.SelfSigned("vcenter.test");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate });
        });

        try
        {
            var info = await new TlsCertificateFetcher(TimeProvider.System).FetchAsync($"https://127.0.0.1:{port}/sdk");

            Assert.Equal("CN=vcenter.test, O=MTV Console Tests", info.Subject);
            Assert.Equal(info.Subject, info.Issuer);
            Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), info.NotBefore);
            Assert.Equal(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero), info.NotAfter);
            Assert.Equal(string.Join(':', SHA1.HashData(certificate.RawData).Select(b => b.ToString("X2"))), info.Sha1);
            Assert.Equal(string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2"))), info.Sha256);
            Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", info.Sha256);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", info.Pem);
            await server;
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_closed_port_gives_a_readable_reason()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<CertificateFetchException>(() =>
            new TlsCertificateFetcher(TimeProvider.System).FetchAsync($"https://127.0.0.1:{port}/sdk"));

        Assert.StartsWith($"Could not connect to 127.0.0.1:{port}", error.Message);
    }

    [Fact]
    public async Task An_http_url_is_refused_before_connecting()
    {
        var error = await Assert.ThrowsAsync<CertificateFetchException>(() =>
            new TlsCertificateFetcher(TimeProvider.System).FetchAsync("http://127.0.0.1/sdk"));

        Assert.Equal("'http://127.0.0.1/sdk' is not an https URL.", error.Message);
    }
}
