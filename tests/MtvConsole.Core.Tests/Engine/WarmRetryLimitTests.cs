using MtvConsole.Core.Engine;

namespace MtvConsole.Core.Tests.Engine;

public sealed class WarmRetryLimitTests
{
    [Fact]
    public async Task Five_failed_precopies_in_a_row_fail_the_vm()
    {
        var h = new EngineHarness();
        h.SourceAdapter = new FaultySource(h.VCenter, n => n > 1);
        h.RestartEngine();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("in-a-row", warm: true, [vm]);

        await h.StartAsync(plan, precopyMinutes: 30);
        await h.RunToEndAsync(plan, seconds: 15);

        var status = h.Vm(plan, vm);
        Assert.False(status.Succeeded);
        Assert.Equal(5, status.Warm!.ConsecutiveFailures);
        Assert.StartsWith("Warm migration retry limit reached: 5 failed precopies in all (limit 10), 5 in a row (limit 5).", status.Error!.Reasons[^1], StringComparison.Ordinal);
        Assert.Equal(1, status.Warm.Successes);
        Assert.Equal(5, status.Warm.Precopies.Count(p => p.Error is not null));
    }

    [Fact]
    public async Task Ten_failed_precopies_in_all_fail_the_vm()
    {
        var h = new EngineHarness();
        h.SourceAdapter = new FaultySource(h.VCenter, n => n > 1 && n % 3 != 1);
        h.RestartEngine();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("in-all", warm: true, [vm]);

        await h.StartAsync(plan, precopyMinutes: 5);
        await h.RunToEndAsync(plan, seconds: 15);

        var status = h.Vm(plan, vm);
        Assert.False(status.Succeeded);
        Assert.Equal(10, status.Warm!.Failures);
        Assert.True(status.Warm.ConsecutiveFailures < 5);
        Assert.Contains("10 failed precopies in all (limit 10)", status.Error!.Reasons[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lower_limits_from_the_settings_apply_at_the_next_decision()
    {
        var h = new EngineHarness();
        h.SourceAdapter = new FaultySource(h.VCenter, n => n > 1);
        h.RestartEngine();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("settings", warm: true, [vm]);
        await h.StartAsync(plan, precopyMinutes: 30);
        await h.RunUntilAsync(() => h.Vm(plan, vm).Warm!.ConsecutiveFailures == 1, seconds: 15);

        await h.Commands.UpdateSettingsAsync(new EngineSettings { WarmMaxConsecutiveFailures = 2 }, "admin");
        await h.RunToEndAsync(plan, seconds: 15);

        Assert.Equal(2, h.Vm(plan, vm).Warm!.ConsecutiveFailures);
        Assert.Contains(h.Audit.Entries, a => a.User == "admin" && a.Target == "engine-settings");
    }
}
