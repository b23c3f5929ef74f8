using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests;

/// <summary>The host migration-network test: login to the host's SDK trusting only the inventory thumbprint.</summary>
public sealed class EsxiConnectionTests(ScenarioSimulator fixture) : IClassFixture<ScenarioSimulator>
{
    [Fact]
    public async Task The_hosts_credentials_and_inventory_thumbprint_log_in()
    {
        await using var provider = new VsphereSourceProvider(fixture.Sim.Options(), TimeProvider.System);
        var host = (await provider.GetInventoryAsync()).Hosts[0];

        var result = await EsxiConnectionTest.RunAsync("127.0.0.1", Vcsim.User, Vcsim.Password, host.Thumbprint, TimeSpan.FromSeconds(10), fixture.Sim.Url.Port);

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task A_wrong_password_fails_with_the_hosts_message()
    {
        var result = await EsxiConnectionTest.RunAsync("127.0.0.1", Vcsim.User, "wrong", fixture.Sim.Thumbprint, TimeSpan.FromSeconds(10), fixture.Sim.Url.Port);

        Assert.False(result.Succeeded);
        Assert.Contains("InvalidLogin", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_thumbprint_that_is_not_the_hosts_is_refused()
    {
        const string other = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD";

        var result = await EsxiConnectionTest.RunAsync("127.0.0.1", Vcsim.User, Vcsim.Password, other, TimeSpan.FromSeconds(10), fixture.Sim.Url.Port);

        Assert.False(result.Succeeded);
        Assert.Contains(other, result.Error, StringComparison.Ordinal);
        Assert.Contains(fixture.Sim.Thumbprint, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_without_a_thumbprint_is_not_tried()
    {
        var result = await EsxiConnectionTest.RunAsync("127.0.0.1", Vcsim.User, Vcsim.Password, "", TimeSpan.FromSeconds(10), fixture.Sim.Url.Port);

        Assert.False(result.Succeeded);
        Assert.Contains("no SSL thumbprint", result.Error, StringComparison.Ordinal);
    }
}
