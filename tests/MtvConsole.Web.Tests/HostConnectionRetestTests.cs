using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Vsphere;
using MtvConsole.Vsphere.Tests.Simulator;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

/// <summary>
/// How long a host's connection test result is trusted: the readiness pass reuses it for ten minutes (so a thousand
/// hosts are not logged in to on every inventory refresh), a save tests again at once, and after ten minutes the host is
/// tested again — here shown by a host whose SDK went away after a passed test.
/// </summary>
public sealed class HostConnectionRetestTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private Vcsim _sim = null!;
    private HostConnectionTester _tester = null!;
    private VsphereInventory _inventory = null!;
    private MigrationNetworkHost _host = null!;

    private static readonly Provider Provider = new() { Name = "vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote };
    private static readonly Dictionary<string, string> Secret = new() { ["user"] = Vcsim.User, ["password"] = Vcsim.Password };

    public async Task InitializeAsync()
    {
        _sim = await Vcsim.StartAsync("-tls", "-vm", "12", "-scenario");
        await using (var source = new VsphereSourceProvider(_sim.Options(), TimeProvider.System))
            _inventory = await source.GetInventoryAsync();
        var esxi = _inventory.Hosts[0];
        _host = new MigrationNetworkHost { Name = esxi.Name, ProviderId = Provider.Id, HostRef = Ref.ById(esxi.Id), IpAddress = "127.0.0.1" };
        _tester = new HostConnectionTester(new HostConnectionTestOptions { Port = _sim.Url.Port, Timeout = TimeSpan.FromSeconds(5) }, _time);
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private Task<Core.Readiness.HostConnectionCheck?> CheckAsync(bool force = false) =>
        _tester.CheckAsync(_host, Provider, _inventory, Secret, force);

    private async Task PassesAsync()
    {
        var first = (await CheckAsync())!;
        Assert.True(first.Succeeded, first.Error);
    }

    [Fact]
    public async Task A_passed_test_is_reused_for_ten_minutes_then_the_host_is_tested_again()
    {
        await PassesAsync();
        await _sim.DisposeAsync(); // the host's SDK is gone from now on

        _time.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59));
        await PassesAsync();

        _time.Advance(TimeSpan.FromSeconds(1));
        var retested = (await CheckAsync())!;
        Assert.False(retested.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(retested.Error));
    }

    [Fact]
    public async Task Saving_the_host_tests_it_again_at_once()
    {
        await PassesAsync();
        await _sim.DisposeAsync();

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False((await CheckAsync(force: true))!.Succeeded);
    }

    [Fact]
    public async Task A_changed_password_is_tested_again_within_the_ten_minutes()
    {
        await PassesAsync();

        _time.Advance(TimeSpan.FromMinutes(1));
        var changed = await _tester.CheckAsync(_host, Provider, _inventory,
            new Dictionary<string, string> { ["user"] = Vcsim.User, ["password"] = "not-the-esxi-password" }, force: false);

        Assert.False(changed!.Succeeded);
        Assert.Contains("InvalidLogin", changed.Error, StringComparison.Ordinal);
    }
}
