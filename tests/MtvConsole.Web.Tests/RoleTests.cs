using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Web.Api.V1;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

public sealed class RoleTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateUserAsync("vera", "viewer-password-1", "viewer");
        await _factory.CreateUserAsync("otto", "operator-password-1", "operator");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_viewer_reads_providers_but_cannot_reach_an_operator_action()
    {
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/providers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/providers/lab-vcenter/test", null)).StatusCode);
    }

    [Fact]
    public async Task An_operator_may_run_an_operator_action_and_it_is_audited()
    {
        var operatorClient = await _factory.SignedInAsync("otto", "operator-password-1");

        var response = await operatorClient.PostAsync("/api/v1/providers/lab-vcenter/test", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var provider = await response.Content.ReadFromJsonAsync<ProviderDto>();
        Assert.Equal("Ready", provider!.Phase);
        var admin = await _factory.SignedInAsync("admin", ConsoleFactory.AdminPassword);
        var audit = await admin.GetStringAsync("/api/v1/audit");
        Assert.Contains("\"user\":\"otto\",\"action\":\"refresh\",\"target\":\"provider/lab-vcenter\"", audit);
    }

    [Fact]
    public async Task Only_admins_read_the_audit_log_through_the_api()
    {
        var operatorClient = await _factory.SignedInAsync("otto", "operator-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task The_lab_providers_are_seeded_with_their_inventory_counts()
    {
        await _factory.Services.GetRequiredService<ProviderStatusService>().RefreshAllAsync();
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");

        var providers = await viewer.GetFromJsonAsync<List<ProviderDto>>("/api/v1/providers");

        Assert.Equal(["host", "lab-vcenter"], providers!.Select(p => p.Name));
        var vcenter = providers!.Single(p => p.Name == "lab-vcenter");
        Assert.Equal("vsphere", vcenter.Type);
        Assert.Equal(60, vcenter.Vms);
        Assert.True(vcenter.Hosts >= 6);
        Assert.True(vcenter.Datastores >= 3);
        Assert.True(vcenter.Networks > 0);
        Assert.Equal("Ready", vcenter.Phase);
        var cluster = providers!.Single(p => p.Name == "host");
        Assert.Equal("openshift", cluster.Type);
        Assert.True(cluster.Datastores > 0);
        Assert.Null(cluster.Secret);
    }

    [Fact]
    public async Task An_unknown_provider_is_a_clear_404()
    {
        var operatorClient = await _factory.SignedInAsync("otto", "operator-password-1");
        var response = await operatorClient.PostAsync("/api/v1/providers/nope/test", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No provider named 'nope'.", await response.Content.ReadAsStringAsync());
    }
}
