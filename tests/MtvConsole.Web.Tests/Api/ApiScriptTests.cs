using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Web.Readiness;
using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Tests.Api;

/// <summary>A script with nothing but an API token runs a whole migration on the Lab.</summary>
public sealed class ApiScriptTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateUserAsync("otto", "operator-password-1", "operator");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task With_only_a_bearer_token_a_script_creates_providers_maps_and_a_plan_starts_it_and_sees_the_run_succeed()
    {
        var api = ApiSession.Bearer(_factory, await ApiSession.TokenForAsync(_factory, "otto"));

        // Providers: a new Lab cluster next to the seeded Lab vCenter (a new vSphere provider always points at a
        // real vCenter URL, so the simulated one is the seeded one), each connection tested.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/providers", new { name = "ocp-prod", type = "openshift", backing = "lab" })).StatusCode);
        foreach (var provider in new[] { "lab-vcenter", "ocp-prod" })
        {
            var tested = await (await api.PostAsync($"/api/v1/providers/{provider}/test", null)).ReadAsync();
            Assert.Equal("Ready", tested.GetProperty("phase").GetString());
        }
        await _factory.Services.GetRequiredService<ProviderValidationSync>().SyncAllAsync();

        // Inventory: a powered-on VM with change tracking, found by a server-side filter.
        var page = await api.GetJsonAsync("/api/v1/providers/lab-vcenter/vms?filter=app-hr&power=poweredOn&take=50");
        var vm = page.GetProperty("items").EnumerateArray().First(v => v.GetProperty("changeTracking").GetBoolean());
        var networks = vm.GetProperty("networkIds").EnumerateArray().Select(n => n.GetString()!).ToList();
        var datastores = vm.GetProperty("datastoreIds").EnumerateArray().Select(d => d.GetString()!).ToList();
        var storageClass = (await api.GetJsonAsync("/api/v1/providers/ocp-prod/storage-classes")).GetProperty("items").EnumerateArray()
            .First(s => s.GetProperty("isDefault").GetBoolean()).GetProperty("name").GetString();

        // Maps, then a cold plan that uses them.
        var network = await api.PostAsJsonAsync("/api/v1/network-maps", new
        {
            name = "east-network", sourceProvider = "lab-vcenter", destinationProvider = "ocp-prod",
            entries = networks.Select((id, i) => new { source = id, destination = i == 0 ? "pod" : "ignored" }),
        });
        Assert.Equal(HttpStatusCode.Created, network.StatusCode);
        var storage = await api.PostAsJsonAsync("/api/v1/storage-maps", new
        {
            name = "east-storage", sourceProvider = "lab-vcenter", destinationProvider = "ocp-prod",
            entries = datastores.Select(id => new { source = id, storageClass }),
        });
        Assert.Equal(HttpStatusCode.Created, storage.StatusCode);
        var created = await api.PostAsJsonAsync("/api/v1/plans", new
        {
            name = "east-wave-1", sourceProvider = "lab-vcenter", destinationProvider = "ocp-prod", targetNamespace = "prod-apps",
            vms = new[] { vm.GetProperty("name").GetString() }, networkMap = "east-network", storageMap = "east-storage",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        await _factory.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();
        var plan = await api.GetJsonAsync("/api/v1/plans/east-wave-1");
        Assert.True(plan.GetProperty("ready").GetBoolean(), plan.GetProperty("conditions").ToString());

        // Start, then let the engine run until the run ends.
        var started = await api.PostAsync("/api/v1/plans/east-wave-1/start", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        JsonElement run = default;
        for (var tick = 0; tick < 2000; tick++)
        {
            await ApiSession.TickAsync(_factory);
            run = (await api.GetJsonAsync("/api/v1/plans/east-wave-1/runs"))[0];
            if (run.GetProperty("completed").ValueKind != JsonValueKind.Null) break;
        }

        Assert.Equal(["Succeeded"], run.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));
        var after = await api.GetJsonAsync("/api/v1/plans/east-wave-1");
        Assert.Equal("Succeeded", after.GetProperty("status").GetString());
        var vmRun = Assert.Single(after.GetProperty("vms").EnumerateArray()).GetProperty("run");
        Assert.Contains("Succeeded", vmRun.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Completed", vmRun.GetProperty("phase").GetString());
    }
}
