using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Web.Readiness;
using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Tests.Api;

/// <summary>Through the API: clean Lab VMs, maps covering them, and Ready plans of them (the seeded lab-vcenter and host providers).</summary>
internal static class LabApiSetup
{
    public const string Source = "lab-vcenter";
    public const string Destination = "host";

    /// <summary>Tests the Lab providers and validates their VMs, as the console does after a refresh.</summary>
    public static async Task PrepareAsync(ConsoleFactory factory, HttpClient operatorApi)
    {
        foreach (var provider in new[] { Source, Destination })
            Assert.Equal(HttpStatusCode.OK, (await operatorApi.PostAsync($"/api/v1/providers/{provider}/test", null)).StatusCode);
        await factory.Services.GetRequiredService<ProviderValidationSync>().SyncAllAsync();
    }

    /// <summary>Powered-on VMs with change tracking (so a warm plan is Ready).</summary>
    public static async Task<List<JsonElement>> CleanVmsAsync(HttpClient api, int count)
    {
        var page = await api.GetJsonAsync("/api/v1/providers/lab-vcenter/vms?filter=app-hr&power=poweredOn&take=200");
        return [.. page.GetProperty("items").EnumerateArray().Where(v => v.GetProperty("changeTracking").GetBoolean()).Take(count)];
    }

    public static async Task<string> DefaultStorageClassAsync(HttpClient api) =>
        (await api.GetJsonAsync("/api/v1/providers/host/storage-classes")).GetProperty("items").EnumerateArray()
            .First(s => s.GetProperty("isDefault").GetBoolean()).GetProperty("name").GetString()!;

    public static object[] NetworkEntries(IEnumerable<JsonElement> vms) =>
        [.. vms.SelectMany(v => v.GetProperty("networkIds").EnumerateArray().Select(n => n.GetString()!)).Distinct()
            .Select((id, i) => new { source = id, destination = i == 0 ? "pod" : "ignored" })];

    public static object[] StorageEntries(IEnumerable<JsonElement> vms, string storageClass) =>
        [.. vms.SelectMany(v => v.GetProperty("datastoreIds").EnumerateArray().Select(d => d.GetString()!)).Distinct()
            .Select(id => new { source = id, storageClass })];

    /// <summary>Creates maps <c>{plan}-net</c>/<c>{plan}-disks</c> and the plan, re-evaluates readiness, and asserts it is Ready.</summary>
    public static async Task CreateReadyPlanAsync(ConsoleFactory factory, HttpClient api, string plan, IReadOnlyList<JsonElement> vms, bool warm)
    {
        var storageClass = await DefaultStorageClassAsync(api);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/network-maps",
            new { name = $"{plan}-net", sourceProvider = Source, destinationProvider = Destination, entries = NetworkEntries(vms) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/storage-maps",
            new { name = $"{plan}-disks", sourceProvider = Source, destinationProvider = Destination, entries = StorageEntries(vms, storageClass) })).StatusCode);
        var created = await api.PostAsJsonAsync("/api/v1/plans", new
        {
            name = plan, sourceProvider = Source, destinationProvider = Destination, targetNamespace = "prod-apps", warm,
            vms = vms.Select(v => v.GetProperty("id").GetString()), networkMap = $"{plan}-net", storageMap = $"{plan}-disks",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        await factory.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();
        var read = await api.GetJsonAsync($"/api/v1/plans/{plan}");
        Assert.True(read.GetProperty("ready").GetBoolean(), read.GetProperty("conditions").ToString());
    }

    /// <summary>Ticks the engine until the plan's latest run has ended; returns that run.</summary>
    public static async Task<JsonElement> RunToEndAsync(ConsoleFactory factory, HttpClient api, string plan, int maxTicks = 2000)
    {
        for (var tick = 0; tick < maxTicks; tick++)
        {
            await ApiSession.TickAsync(factory);
            var run = (await api.GetJsonAsync($"/api/v1/plans/{plan}/runs"))[0];
            if (run.GetProperty("completed").ValueKind != JsonValueKind.Null) return run;
        }
        throw new Xunit.Sdk.XunitException($"The run of {plan} did not end within {maxTicks} ticks.");
    }
}
