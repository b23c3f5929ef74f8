using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Lab;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

public sealed class EngineApiTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateUserAsync("vera", "viewer-password-1", "viewer");
        await _factory.CreateUserAsync("otto", "operator-password-1", "operator");
        await SeedPlanAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_operator_starts_cuts_over_and_cancels_a_plan_and_each_change_is_audited()
    {
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/plans/web-plan/start", new { })).StatusCode);
        var otto = await _factory.SignedInAsync("otto", "operator-password-1");

        var started = await otto.PostAsJsonAsync("/api/v1/plans/web-plan/start", new { precopyIntervalMinutes = 5 });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        await TickAsync();
        Assert.Equal(HttpStatusCode.OK, (await otto.PutAsJsonAsync("/api/v1/plans/web-plan/cutover", new { now = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otto.PostAsJsonAsync("/api/v1/plans/web-plan/cancel", new { })).StatusCode);
        for (var i = 0; i < 5; i++) await TickAsync();

        var runs = await viewer.GetStringAsync("/api/v1/plans/web-plan/runs");
        Assert.Contains("\"conditions\":[\"Canceled\"]", runs, StringComparison.Ordinal);
        Assert.Contains("\"precopyIntervalMinutes\":5", runs, StringComparison.Ordinal);
        var admin = await _factory.SignedInAsync("admin", ConsoleFactory.AdminPassword);
        var audit = await admin.GetStringAsync("/api/v1/audit");
        Assert.Contains("\"user\":\"otto\",\"action\":\"start\",\"target\":\"plan/web-plan\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"user\":\"otto\",\"action\":\"cutover\",\"target\":\"plan/web-plan\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"user\":\"otto\",\"action\":\"cancel\",\"target\":\"plan/web-plan\"", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_plans_are_404_and_a_cutover_without_a_run_is_409()
    {
        var otto = await _factory.SignedInAsync("otto", "operator-password-1");

        Assert.Equal(HttpStatusCode.NotFound, (await otto.PostAsJsonAsync("/api/v1/plans/nope/start", new { })).StatusCode);
        var cutover = await otto.PutAsJsonAsync("/api/v1/plans/web-plan/cutover", new { now = true });
        Assert.Equal(HttpStatusCode.Conflict, cutover.StatusCode);
        Assert.Contains("has no run in progress", await cutover.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_read_and_change_engine_settings_and_changes_persist_and_are_audited()
    {
        var otto = await _factory.SignedInAsync("otto", "operator-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await otto.GetAsync("/api/v1/engine/settings")).StatusCode);
        var admin = await _factory.SignedInAsync("admin", ConsoleFactory.AdminPassword);

        var defaults = await admin.GetFromJsonAsync<EngineSettings>("/api/v1/engine/settings");
        Assert.Equal(20, defaults!.MaxInFlightPerHost);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/v1/engine/settings", new EngineSettings { MaxInFlightPerHost = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/engine/settings", new EngineSettings { MaxInFlightPerHost = 12, PrecopyIntervalMinutes = 30 })).StatusCode);

        var saved = await _factory.Services.GetRequiredService<IMigrationStore>().GetSettingsAsync();
        Assert.Equal((12, 30), (saved.MaxInFlightPerHost, saved.PrecopyIntervalMinutes));
        Assert.Contains("\"action\":\"update\",\"target\":\"engine-settings\"", await admin.GetStringAsync("/api/v1/audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_guest_conversion_timeout_is_read_and_changed_and_a_timeout_under_a_minute_is_refused_with_its_reason()
    {
        var admin = await _factory.SignedInAsync("admin", ConsoleFactory.AdminPassword);
        Assert.Equal(240, (await admin.GetFromJsonAsync<EngineSettings>("/api/v1/engine/settings"))!.ConversionTimeoutMinutes);

        var refused = await admin.PutAsJsonAsync("/api/v1/engine/settings", new { conversionTimeoutMinutes = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The guest conversion timeout must be at least 1 minute.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(240, (await _factory.Services.GetRequiredService<IMigrationStore>().GetSettingsAsync()).ConversionTimeoutMinutes);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/engine/settings", new { conversionTimeoutMinutes = 480 })).StatusCode);
        Assert.Equal(480, (await _factory.Services.GetRequiredService<IMigrationStore>().GetSettingsAsync()).ConversionTimeoutMinutes);
    }

    private async Task TickAsync()
    {
        _factory.Time.Advance(TimeSpan.FromSeconds(5));
        await _factory.Services.GetRequiredService<MigrationEngine>().TickAsync();
    }

    private async Task SeedPlanAsync()
    {
        await _factory.Services.GetRequiredService<ProviderStatusService>().RefreshAllAsync();
        var world = _factory.Services.GetRequiredService<LabWorld>();
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        var source = await db.Providers.SingleAsync(p => p.Name == LabSeeder.VCenterName);
        var destination = await db.Providers.SingleAsync(p => p.Name == LabSeeder.ClusterName);
        var storage = new StorageMap
        {
            Name = "web-storage",
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            Entries = world.Inventory.Vsphere.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), "ocs-storagecluster-ceph-rbd")).ToList(),
        };
        // A clean, powered-on VM with CBT, so the plan is Ready (the start command refuses a plan with blockers).
        var vm = world.Inventory.Vsphere.Vms.First(v => v.Name.StartsWith("app-hr") && v.PowerState == PowerState.PoweredOn && v.ChangeTrackingEnabled);
        var network = new NetworkMap
        {
            Name = "web-network",
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            Entries = [.. vm.NetworkIds.Select((id, i) => new NetworkMapEntry(Ref.ById(id), i == 0 ? NetworkDestinationType.Pod : NetworkDestinationType.Ignored))],
        };
        db.AddRange(storage, network, new Plan
        {
            Name = "web-plan",
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            NetworkMapId = network.Id,
            StorageMapId = storage.Id,
            TargetNamespace = "prod-apps",
            Warm = true,
            Vms = [new PlanVm(Ref.ById(vm.Id), [])],
        });
        await db.SaveChangesAsync();
        await _factory.Services.GetRequiredService<MtvConsole.Web.Validation.ProviderValidationSync>().SyncAllAsync();
        await _factory.Services.GetRequiredService<MtvConsole.Web.Readiness.ReadinessService>().RevalidateAllAsync();
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Name == "web-plan");
        Assert.True(plan.IsReady, string.Join("; ", plan.Conditions.Select(c => $"{c.Type}: {c.Message}")));
    }
}
