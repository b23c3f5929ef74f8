using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Validation;
using MtvConsole.Core.Validation.Custom;
using MtvConsole.Web.Dashboard;
using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Tests.Dashboard;

public sealed class MigrationHubTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateUserAsync("vera", "viewer-password-1", "viewer");
        await _factory.CreateUserAsync("otto", "operator-password-1", "operator");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private DashboardDispatcher Dispatcher => _factory.Services.GetRequiredService<DashboardDispatcher>();

    [Fact]
    public async Task A_client_follows_a_warm_migration_snapshot_first_then_growing_precopies_then_completed_after_cutover()
    {
        var vm = (await TestPlans.SeedAsync(_factory, "hub-warm", 1, warm: true)).Single();
        await using var client = await HubClient.ConnectAsync(_factory, "otto", "operator-password-1");

        await client.Connection.InvokeAsync("SubscribePlan", "hub-warm");
        await client.Connection.InvokeAsync("Start", "hub-warm");
        await TickUntilAsync(r => r.Vms.Any(v => v.Warm is { Successes: >= 2 } && v.Phase == Phases.CopyingPaused));
        await client.Connection.InvokeAsync("CutoverNow", "hub-warm", (IReadOnlyList<string>?)null);
        await TickUntilAsync(r => r.Completed is not null);
        await client.WhenAsync(m => Batches(m).Any(b => b.Vms.Any(v => v.PipelineStatus == VmProgressMapper.Succeeded)));

        var received = client.Received;
        var snapshot = Assert.IsAssignableFrom<IReadOnlyList<PlanSnapshotDto>>(received[0]);
        Assert.Equal("Ready", Assert.Single(snapshot).Status.Status);
        // Progress-only states leave out precopies and pipeline; applied over the previous state they carry them.
        var states = new List<VmProgressDto>();
        foreach (var state in Batches(received).SelectMany(b => b.Vms).Where(v => v.VmId == vm.Id)) states.Add(state.Over(states.LastOrDefault()));
        var precopyCounts = states.Select(s => s.Precopies!.Count(p => !p.Final && p.State == "Succeeded")).ToList();
        Assert.Equal(precopyCounts.Order(), precopyCounts);
        Assert.Contains(1, precopyCounts);
        Assert.Contains(2, precopyCounts);
        Assert.Contains(states, s => s.PipelineStatus == VmProgressMapper.WaitingForCutover && s.NextPrecopyAt is not null);
        var last = states[^1];
        Assert.Equal(VmProgressMapper.Succeeded, last.PipelineStatus);
        Assert.Equal(Phases.Completed, last.Phase);
        Assert.All(last.Precopies!, p => Assert.True(p.BytesCopied > 0 && p.Duration is not null));
        Assert.True(last.Precopies![^1].Final);
        Assert.Equal(states.Select(s => s.Version).Order(), states.Select(s => s.Version));
        var phases = Batches(received).SelectMany(b => b.PhaseChanges).Where(p => p.VmId == vm.Id).Select(p => p.To).ToList();
        Assert.Equal(Phases.Started, phases[0]);
        Assert.Equal(Phases.Completed, phases[^1]);
        Assert.Contains(Phases.CreateFinalSnapshot, phases);
        var status = Batches(received).Last(b => b.Status is not null).Status!;
        Assert.Equal((1, 1, "Succeeded"), (status.Total, status.Succeeded, status.Status));
    }

    [Fact]
    public async Task A_client_without_a_session_is_refused()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.ConnectAsync(_factory, null, null));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_viewer_watches_but_cannot_start_cut_over_or_cancel_and_nothing_changes()
    {
        await TestPlans.SeedAsync(_factory, "hub-view", 1, warm: true);
        await using var viewer = await HubClient.ConnectAsync(_factory, "vera", "viewer-password-1");

        await viewer.Connection.InvokeAsync("SubscribePlan", "hub-view");
        await viewer.WhenAsync(m => m.Count == 1);
        var start = await Assert.ThrowsAsync<HubException>(() => viewer.Connection.InvokeAsync("Start", "hub-view"));
        Assert.Contains("Only operators and admins may start a plan", start.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => viewer.Connection.InvokeAsync("CutoverNow", "hub-view", (IReadOnlyList<string>?)null));
        await Assert.ThrowsAsync<HubException>(() => viewer.Connection.InvokeAsync("Cancel", "hub-view", (IReadOnlyList<string>?)null));

        Assert.IsAssignableFrom<IReadOnlyList<PlanSnapshotDto>>(Assert.Single(viewer.Received));
        var store = _factory.Services.GetRequiredService<IMigrationStore>();
        Assert.Empty(await store.GetRunsAsync((await store.FindPlanAsync("hub-view"))!.Id));
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_plan_is_refused_with_its_name_and_subscribing_to_all_sends_every_plan()
    {
        await TestPlans.SeedAsync(_factory, "hub-all", 1, warm: false);
        await using var client = await HubClient.ConnectAsync(_factory, "vera", "viewer-password-1");

        var unknown = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync("SubscribePlan", "nope"));
        Assert.Contains("No plan named 'nope'", unknown.Message, StringComparison.Ordinal);
        await client.Connection.InvokeAsync("SubscribeAll");
        await client.WhenAsync(m => m.Count == 1);
        var all = Assert.IsAssignableFrom<IReadOnlyList<PlanSnapshotDto>>(Assert.Single(client.Received));
        Assert.Contains(all, p => p.Status.Plan == "hub-all");
    }

    [Fact]
    public async Task A_vm_whose_concerns_change_is_pushed_as_validation_flags_to_its_plan()
    {
        var vm = (await TestPlans.SeedAsync(_factory, "hub-flags", 1, warm: false)).Single();
        // Every VM validated and stored, so a rules change is a change of this VM's concerns.
        await _factory.Services.GetRequiredService<ProviderValidationSync>().SyncAllAsync();
        var validation = _factory.Services.GetRequiredService<ValidationService>();
        await using var client = await HubClient.ConnectAsync(_factory, "vera", "viewer-password-1");
        await client.Connection.InvokeAsync("SubscribePlan", "hub-flags");
        await client.WhenAsync(m => m.Count == 1);

        validation.SetCustomRules(CustomRulesParser.Parse($"""
            rules:
              - id: custom.wave.one
                category: Warning
                label: Wave one
                assessment: Migrate this VM in the first wave.
                when:
                  field: name
                  equals: {vm.Name}
            """, MtvConsole.Core.Validation.Rules.BuiltInRules.All.Select(r => r.Id)));

        await client.WhenAsync(m => m.OfType<ValidationFlagsDto>().Any(f => f.VmId == vm.Id && f.Concerns.Any(c => c.Id == "custom.wave.one")));
        var flags = client.Received.OfType<ValidationFlagsDto>().Last(f => f.VmId == vm.Id);
        Assert.Equal(("hub-flags", vm.Name), (flags.Plan, flags.VmName));
        Assert.Contains(flags.Concerns, c => c.Id == "custom.wave.one" && c.Label == "Wave one");
    }

    [Fact]
    public async Task An_unsubscribed_client_gets_nothing_more_and_after_a_reconnect_subscribing_again_sends_a_fresh_snapshot()
    {
        await TestPlans.SeedAsync(_factory, "hub-warm", 1, warm: true);
        await using var operatorClient = await HubClient.ConnectAsync(_factory, "otto", "operator-password-1");
        await using var watcher = await HubClient.ConnectAsync(_factory, "vera", "viewer-password-1");
        await watcher.Connection.InvokeAsync("SubscribePlan", "hub-warm");
        await watcher.WhenAsync(m => m.Count == 1);
        await watcher.Connection.InvokeAsync("UnsubscribePlan", "hub-warm");

        await operatorClient.Connection.InvokeAsync("SubscribePlan", "hub-warm");
        await operatorClient.Connection.InvokeAsync("Start", "hub-warm");
        await TickUntilAsync(r => r.Vms.Any(v => v.Warm is { Successes: >= 1 }));
        await operatorClient.WhenAsync(m => Batches(m).Any(b => b.Vms.Any(v => v.Precopies is { Count: > 0 })));
        Assert.IsAssignableFrom<IReadOnlyList<PlanSnapshotDto>>(Assert.Single(watcher.Received));

        // A reconnect loses the groups; the client subscribes again and starts over from a snapshot of now.
        await watcher.Connection.StopAsync();
        await watcher.Connection.StartAsync();
        await watcher.Connection.InvokeAsync("SubscribePlan", "hub-warm");
        await watcher.WhenAsync(m => m.Count == 2);
        var fresh = Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<PlanSnapshotDto>>(watcher.Received[1]));
        Assert.NotNull(fresh.Status.RunId);
        Assert.True(fresh.Status.Running);
        Assert.Contains(fresh.Vms, v => v.Precopies is { Count: > 0 } precopies && precopies.Any(p => p.State == "Succeeded"));
    }

    private async Task TickUntilAsync(Func<Core.Resources.MigrationRun, bool> done) =>
        await TestPlans.TickUntilAsync(_factory, "hub-warm", done, seconds: 20, afterTick: () => Dispatcher.DrainedAsync());

    private static IEnumerable<ProgressBatchDto> Batches(IReadOnlyList<object> messages) => messages.OfType<ProgressBatchDto>();
}
