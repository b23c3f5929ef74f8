using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Conditions;
using MtvConsole.Data;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

public sealed class HostNetworkTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public Task InitializeAsync()
    {
        _ = _factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private HostNetworkService Hosts => _factory.Services.GetRequiredService<HostNetworkService>();

    private MtvDbContext Db() => _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContext();

    [Fact]
    public async Task Every_esxi_host_of_the_lab_vcenter_is_listed_with_its_adapters_fastest_first()
    {
        var page = await Hosts.LoadAsync("lab-vcenter");

        Assert.Null(page.Problem);
        Assert.True(page.Rows.Count >= 6);
        Assert.All(page.Rows, row =>
        {
            Assert.Null(row.Current);
            Assert.NotEmpty(row.ClusterName);
            Assert.Equal(row.Adapters.OrderByDescending(a => a.LinkSpeedMbps).ThenByDescending(a => a.Mtu).Select(a => a.Name), row.Adapters.Select(a => a.Name));
            Assert.Equal(10000, row.Adapters[0].LinkSpeedMbps);
        });
    }

    [Fact]
    public async Task Several_hosts_are_saved_at_once_ready_with_encrypted_esxi_credentials_and_audited()
    {
        var page = await Hosts.LoadAsync("lab-vcenter");
        var picks = page.Rows.Take(2).Select(r => new HostPick(r.Host.Id, r.Adapters[0].IpAddress)).ToList();

        var result = await Hosts.SaveAsync(page.Provider!.Id, picks, "root", "Esxi-Passw0rd", "otto");

        Assert.True(result.Saved, string.Join(" ", result.Errors.Values));
        var after = await Hosts.LoadAsync("lab-vcenter");
        var saved = after.Rows.Where(r => r.Current is not null).ToList();
        Assert.Equal(picks.Select(p => p.HostId), saved.Select(r => r.Host.Id));
        Assert.All(saved, r =>
        {
            Assert.True(r.Current!.IsReady, string.Join("; ", r.Current.Conditions.Select(c => c.Message)));
            Assert.Equal("The host is ready.", Assert.Single(r.Current.Conditions, c => c.Type == ConditionTypes.Ready).Message);
            Assert.Equal(r.Adapters[0].IpAddress, r.Current.IpAddress);
        });
        await using var db = Db();
        var secrets = await db.Secrets.ToListAsync();
        Assert.Equal(2, secrets.Count);
        Assert.All(secrets, s => Assert.DoesNotContain("Esxi-Passw0rd", s.Ciphertext));
        Assert.Equal("Esxi-Passw0rd", _factory.Services.GetRequiredService<SecretStore>().Read(secrets[0])!["password"]);
        var audit = await db.Audit.Where(a => a.Target.StartsWith("host/lab-vcenter/")).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(("otto", "create"), (a.User, a.Action)));
        Assert.All(audit, a => Assert.DoesNotContain("Esxi-Passw0rd", a.Details));
    }

    [Fact]
    public async Task An_address_that_is_not_one_of_the_hosts_adapters_is_refused_and_nothing_is_saved()
    {
        var page = await Hosts.LoadAsync("lab-vcenter");
        var row = page.Rows[0];

        var result = await Hosts.SaveAsync(page.Provider!.Id, [new HostPick(row.Host.Id, "203.0.113.9")], "root", "Esxi-Passw0rd", "otto");

        Assert.False(result.Saved);
        Assert.Equal($"'203.0.113.9' is not an address of host '{row.Host.Name}'; pick one of its adapters.", result.Errors[HostNetworkService.HostsField]);
        await using var db = Db();
        Assert.False(await db.Hosts.AnyAsync());
        Assert.False(await db.Secrets.AnyAsync());
    }

    [Fact]
    public async Task A_new_host_needs_a_password_and_an_update_without_one_keeps_the_stored_password()
    {
        var page = await Hosts.LoadAsync("lab-vcenter");
        var row = page.Rows[0];
        var providerId = page.Provider!.Id;

        var missing = await Hosts.SaveAsync(providerId, [new HostPick(row.Host.Id, row.Adapters[0].IpAddress)], "root", "", "otto");
        Assert.Equal("The ESXi password is required for hosts without stored credentials.", missing.Errors[HostNetworkService.PasswordField]);
        Assert.True((await Hosts.SaveAsync(providerId, [new HostPick(row.Host.Id, row.Adapters[0].IpAddress)], "root", "First-Passw0rd", "otto")).Saved);

        var update = await Hosts.SaveAsync(providerId, [new HostPick(row.Host.Id, row.Adapters[^1].IpAddress)], "admin", null, "otto");

        Assert.True(update.Saved);
        await using var db = Db();
        var host = await db.Hosts.SingleAsync();
        Assert.Equal((row.Adapters[^1].IpAddress, "admin", 2L), (host.IpAddress, host.UserName, host.Generation));
        var data = _factory.Services.GetRequiredService<SecretStore>().Read(await db.Secrets.SingleAsync())!;
        Assert.Equal(("admin", "First-Passw0rd"), (data["user"], data["password"]));
    }

    [Fact]
    public async Task Removing_a_migration_network_deletes_the_host_and_its_secret()
    {
        var page = await Hosts.LoadAsync("lab-vcenter");
        var row = page.Rows[0];
        Assert.True((await Hosts.SaveAsync(page.Provider!.Id, [new HostPick(row.Host.Id, row.Adapters[0].IpAddress)], "root", "Esxi-Passw0rd", "otto")).Saved);

        Assert.Equal(1, await Hosts.RemoveAsync(page.Provider.Id, [row.Host.Id], "otto"));

        await using var db = Db();
        Assert.False(await db.Hosts.AnyAsync());
        Assert.False(await db.Secrets.AnyAsync());
        Assert.True(await db.Audit.AnyAsync(a => a.Action == "delete" && a.Target == $"host/lab-vcenter/{row.Host.Name}"));
    }

    [Fact]
    public async Task A_provider_reusing_a_renamed_providers_name_still_gets_unique_host_records()
    {
        var page = await Hosts.LoadAsync("lab-vcenter");
        var row = page.Rows[0];
        Assert.True((await Hosts.SaveAsync(page.Provider!.Id, [new HostPick(row.Host.Id, row.Adapters[0].IpAddress)], "root", "Esxi-Passw0rd", "otto")).Saved);
        var renamed = await _factory.Services.GetRequiredService<ProviderEditor>().UpdateAsync(page.Provider.Id, new ProviderInput { Name = "old-vc", Type = Core.Resources.ProviderType.Vsphere }, "otto");
        Assert.True(renamed.Succeeded, string.Join(" ", renamed.Errors.Values));
        await using (var db = Db())
        {
            db.Providers.Add(new Core.Resources.Provider { Name = "lab-vcenter", Type = Core.Resources.ProviderType.Vsphere, Backing = Core.Resources.ProviderBacking.Lab, Url = "https://vcenter.lab.local/sdk" });
            await db.SaveChangesAsync();
        }
        var again = await Hosts.LoadAsync("lab-vcenter");

        var result = await Hosts.SaveAsync(again.Provider!.Id, [new HostPick(row.Host.Id, row.Adapters[0].IpAddress)], "root", "Esxi-Passw0rd", "otto");

        Assert.True(result.Saved, string.Join(" ", result.Errors.Values));
        await using var check = Db();
        var names = await check.Hosts.Select(h => h.Name).ToListAsync();
        Assert.Equal(2, names.Distinct().Count());
    }

    [Fact]
    public async Task An_openshift_provider_has_no_esxi_hosts_and_says_so()
    {
        var page = await Hosts.LoadAsync("host");

        Assert.Empty(page.Rows);
        Assert.Contains("is an OpenShift provider", page.Problem);
    }

    [Fact]
    public async Task Deleting_a_provider_deletes_its_hosts_and_their_secrets()
    {
        var page = await Hosts.LoadAsync("lab-vcenter");
        var row = page.Rows[0];
        Assert.True((await Hosts.SaveAsync(page.Provider!.Id, [new HostPick(row.Host.Id, row.Adapters[0].IpAddress)], "root", "Esxi-Passw0rd", "otto")).Saved);

        var result = await _factory.Services.GetRequiredService<ProviderEditor>().DeleteAsync(page.Provider.Id, "otto");

        Assert.True(result.Deleted, result.Refusal);
        await using var db = Db();
        Assert.False(await db.Hosts.AnyAsync());
        Assert.False(await db.Secrets.AnyAsync());
        Assert.False(await db.Providers.AnyAsync(p => p.Name == "lab-vcenter"));
    }
}
