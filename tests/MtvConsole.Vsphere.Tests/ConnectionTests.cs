using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Soap;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests;

/// <summary>TLS pinning, credentials and unreachable servers, against the simulator and a silent local socket.</summary>
public sealed class ConnectionTests(ScenarioSimulator fixture) : IClassFixture<ScenarioSimulator>
{
    [Fact]
    public async Task The_pinned_fingerprint_connects()
    {
        Assert.Equal("2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9", fixture.Sim.Thumbprint);
        await using var provider = new VsphereSourceProvider(fixture.Sim.Options(pinnedSha1: fixture.Sim.Thumbprint.ToLowerInvariant()), TimeProvider.System);

        var inventory = await provider.GetInventoryAsync();

        Assert.Equal(fixture.Sim.VmCount, inventory.Vms.Count);
    }

    [Fact]
    public async Task A_wrong_fingerprint_is_refused_naming_both()
    {
        const string wrong = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33";
        await using var provider = new VsphereSourceProvider(fixture.Sim.Options(pinnedSha1: wrong), TimeProvider.System);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => provider.GetInventoryAsync());

        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
        Assert.Contains(fixture.Sim.Thumbprint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_pin_the_self_signed_certificate_is_refused_unless_verification_is_skipped()
    {
        var unpinned = fixture.Sim.Options() with { PinnedSha1 = null };
        await using var refused = new VsphereSourceProvider(unpinned, TimeProvider.System);
        await Assert.ThrowsAsync<HttpRequestException>(() => refused.GetInventoryAsync());

        await using var skipping = new VsphereSourceProvider(fixture.Sim.Options(insecure: true), TimeProvider.System);
        Assert.NotEmpty((await skipping.GetInventoryAsync()).Vms);
    }

    [Fact]
    public async Task Bad_credentials_give_vcenters_invalid_login_fault()
    {
        await using var provider = new VsphereSourceProvider(fixture.Sim.Options(password: "wrong"), TimeProvider.System);

        var error = await Assert.ThrowsAsync<VimFaultException>(() => provider.GetInventoryAsync());

        Assert.Equal("InvalidLogin", error.FaultName);
        Assert.Equal("Login", error.Method);
        Assert.Contains("InvalidLogin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ended_by_the_server_logs_in_again_once()
    {
        await using var provider = new VsphereSourceProvider(fixture.Sim.Options(), TimeProvider.System);
        var vmId = fixture.Sim.Role("healthy").Id;
        await provider.GetPowerStateAsync(vmId);
        var session = await new Collector.PropertyCollector(provider.Client).RetrieveOneAsync("SessionManager", "SessionManager", ["currentSession"], default);
        var key = session!.Properties.Single().Value!.Elements().Single(e => e.Name.LocalName == "key").Value;

        await using var admin = new VimClient(fixture.Sim.Options());
        await admin.ConnectAsync();
        await admin.InvokeAsync("TerminateSession", "SessionManager", "SessionManager", [Soap.Vim.El("sessionId", key)]);

        // Like vCenter, the simulator answers NotAuthenticated to every call of an ended session, property reads included.
        Assert.Equal(PowerState.PoweredOn, await provider.GetPowerStateAsync(vmId));
        Assert.Equal(2, provider.Client.Logins);
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_within_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var options = new VsphereConnectionOptions
        {
            Url = new Uri($"http://127.0.0.1:{port}/sdk"),
            UserName = "u",
            Password = "p",
            Timeout = TimeSpan.FromSeconds(1),
        };
        await using var provider = new VsphereSourceProvider(options, TimeProvider.System);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => provider.GetInventoryAsync());

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Contains($"127.0.0.1:{port} did not answer RetrieveServiceContent within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_a_connection_error()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var options = new VsphereConnectionOptions { Url = new Uri($"https://127.0.0.1:{port}"), UserName = "u", Password = "p", InsecureSkipVerify = true };
        await using var provider = new VsphereSourceProvider(options, TimeProvider.System);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => provider.GetInventoryAsync());
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
