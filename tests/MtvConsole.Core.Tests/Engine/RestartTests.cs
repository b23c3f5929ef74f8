using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;

namespace MtvConsole.Core.Tests.Engine;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_keeps_succeeded_vms_and_migrates_only_the_rest()
    {
        var h = new EngineHarness();
        var vms = h.HealthyVms().Take(3).ToArray();
        var plan = h.AddPlan("restart", warm: false, vms);
        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Vm(plan, vms[2]).Phase == Phases.CopyDisks);
        await h.Commands.CancelAsync("restart", [vms[2].Id], "ops");
        await h.RunToEndAsync(plan);
        var first = h.Run(plan);
        Assert.True(first.Vms[0].Succeeded && first.Vms[1].Succeeded);
        Assert.True(first.Vms[2].HasCondition(ConditionTypes.Canceled));
        h.Events.Clear();

        var second = await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        var run = h.Run(plan);
        Assert.Equal(second.Id, run.Id);
        Assert.Equal(2, h.Runs(plan).Count);
        Assert.All(run.Vms, v => Assert.True(v.Succeeded, v.Error?.Reasons.LastOrDefault()));
        Assert.Equal(first.Vms[0].Completed, run.Vms[0].Completed);
        Assert.Equal(first.Vms[1].Completed, run.Vms[1].Completed);
        Assert.Equal([vms[2].Id], h.Events.OfType<VmPhaseChanged>().Select(e => e.VmId).Distinct().ToArray());
        Assert.False(run.Vms[2].HasCondition(ConditionTypes.Canceled));
    }

    [Fact]
    public async Task Runs_of_one_plan_queue_in_creation_order()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("queue", warm: false, [vm]);
        var first = await h.StartAsync(plan);
        var second = (await h.Commands.StartAsync("queue", "ops")).Value!;
        await h.TickAsync();

        Assert.NotNull(h.Runs(plan).Single(r => r.Id == first.Id).Started);
        Assert.Null(h.Runs(plan).Single(r => r.Id == second.Id).Started);

        await h.RunToEndAsync(plan);

        var runs = h.Runs(plan);
        Assert.True(runs[0].Completed <= runs[1].Started);
        Assert.All(runs[1].Vms, v => Assert.True(v.Succeeded));
    }
}
