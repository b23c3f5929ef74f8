using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Vsphere.Tests.Simulator;
using MtvConsole.Web.Components.Shared;
using MtvConsole.Web.Providers;
using MtvConsole.Web.Readiness;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests;

/// <summary>
/// The migration network of an ESXi host of a real vSphere provider (the vCenter simulator, whose hosts answer on its
/// <c>/sdk</c>): saving it logs in to the host with its credentials and the inventory thumbprint, and the host page shows the outcome.
/// </summary>
public sealed class HostConnectionTestTests : IAsyncLifetime
{
    private Vcsim _sim = null!;
    private ConsoleFactory _console = null!;
    private Guid _providerId;

    public async Task InitializeAsync()
    {
        _sim = await Vcsim.StartAsync("-tls", "-vm", "12", "-scenario");
        _console = new ConsoleFactory();
        _ = _console.Server;
        _console.Services.GetRequiredService<HostConnectionTestOptions>().Port = _sim.Url.Port;
        var secrets = _console.Services.GetRequiredService<SecretStore>();
        var secret = secrets.Create("provider/sim-vc", new Dictionary<string, string> { ["user"] = Vcsim.User, ["password"] = Vcsim.Password }, _console.Time.GetUtcNow());
        var provider = new Provider
        {
            Name = "sim-vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote, Url = _sim.Url.ToString(),
            UserName = Vcsim.User, SecretId = secret.Id, PinnedSha1 = _sim.Thumbprint,
        };
        await using var db = await Db();
        db.Secrets.Add(secret);
        db.Providers.Add(provider);
        await db.SaveChangesAsync();
        _providerId = provider.Id;
    }

    public async Task DisposeAsync()
    {
        await _console.DisposeAsync();
        await _sim.DisposeAsync();
    }

    private Task<MtvDbContext> Db() => _console.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();

    private HostNetworkService Hosts => _console.Services.GetRequiredService<HostNetworkService>();

    private async Task<(HostNetworkRow Row, HostSaveResult Result)> SaveFirstHostAsync(string password)
    {
        var page = await Hosts.LoadAsync("sim-vc");
        Assert.Null(page.Problem);
        var row = page.Rows[0];
        var result = await Hosts.SaveAsync(_providerId, [new HostPick(row.Host.Id, row.Adapters[0].IpAddress)], Vcsim.User, password, "otto");
        Assert.True(result.Saved, string.Join(" ", result.Errors.Values));
        return (row, result);
    }

    private async Task<MigrationNetworkHost> HostAsync()
    {
        await using var db = await Db();
        return await db.Hosts.AsNoTracking().SingleAsync();
    }

    [Fact]
    public async Task The_hosts_credentials_log_in_and_the_host_is_ready()
    {
        await SaveFirstHostAsync(Vcsim.Password);

        var host = await HostAsync();
        Assert.Equal("Connection test, succeeded.", Assert.Single(host.Conditions, c => c.Type == ConditionTypes.ConnectionTestSucceeded).Message);
        Assert.True(host.IsReady, string.Join("; ", host.Conditions.Select(c => c.Message)));
    }

    [Fact]
    public async Task A_wrong_password_fails_the_test_with_the_hosts_message_and_the_host_page_shows_it()
    {
        await SaveFirstHostAsync("not-the-esxi-password");

        var host = await HostAsync();
        var failed = Assert.Single(host.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed);
        Assert.StartsWith("Connection test, failed: ", failed.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidLogin", failed.Message, StringComparison.Ordinal);
        Assert.False(host.IsReady);

        await using var bunit = new BunitContext();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.AddMudServices();
        var rows = (await Hosts.LoadAsync("sim-vc")).Rows;
        var table = bunit.Render<HostTable>(p => p.Add(t => t.Rows, rows).Add(t => t.Selected, []).Add(t => t.Picks, []));
        var shown = table.Find(".host-status .connection-test").TextContent;
        Assert.Contains("ConnectionTestFailed: Connection test, failed:", shown, StringComparison.Ordinal);
        Assert.Contains("InvalidLogin", shown, StringComparison.Ordinal);
        Assert.Contains("Not ready", table.Find(".host-status").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readiness_pass_tests_again_when_the_credentials_change()
    {
        await SaveFirstHostAsync("not-the-esxi-password");
        Assert.False((await HostAsync()).IsReady);

        await using (var db = await Db())
        {
            var host = await db.Hosts.SingleAsync();
            var secret = await db.Secrets.SingleAsync(s => s.Id == host.SecretId);
            _console.Services.GetRequiredService<SecretStore>().Replace(secret,
                new Dictionary<string, string> { ["user"] = Vcsim.User, ["password"] = Vcsim.Password }, _console.Time.GetUtcNow());
            await db.SaveChangesAsync();
        }
        await _console.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();

        var after = await HostAsync();
        Assert.DoesNotContain(after.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed);
        Assert.Contains(after.Conditions, c => c.Type == ConditionTypes.ConnectionTestSucceeded);
        Assert.True(after.IsReady);
    }
}
