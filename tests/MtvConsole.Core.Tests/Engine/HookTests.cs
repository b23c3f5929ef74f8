using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Engine;

public sealed class HookTests
{
    [Fact]
    public async Task A_failing_pre_hook_fails_only_its_vm_with_the_hook_output()
    {
        var h = new EngineHarness();
        var vms = h.HealthyVms().Take(2).ToArray();
        var hook = new Hook { Name = "broken", Image = "quay.io/example/fail-hook:1" };
        h.Store.Hooks[hook.Id] = hook;
        var plan = h.AddPlan("hooks", warm: false, vms, hooks: v => v.Id == vms[0].Id ? [new PlanHook(HookStep.PreHook, hook.Id)] : []);

        await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        var failed = h.Vm(plan, vms[0]);
        Assert.False(failed.Succeeded);
        Assert.Equal(Phases.PreHook, failed.Error!.Phase);
        Assert.Contains("Hook 'broken' (PreHook) failed after 4 attempt(s)", failed.Error.Reasons[0], StringComparison.Ordinal);
        Assert.Contains("fail-hook:1 exited with code 2", failed.Error.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(Core.Inventory.PowerState.PoweredOn, await h.VCenter.GetPowerStateAsync(vms[0].Id));
        Assert.True(h.Vm(plan, vms[1]).Succeeded);
        Assert.Equal(Conditions.ConditionTypes.Failed, MigrationRun.EndState(h.Run(plan).Vms));
        Assert.Contains(plan.Conditions, c => c.Type == Conditions.ConditionTypes.Failed);
    }

    [Fact]
    public async Task Hook_retries_follow_the_setting()
    {
        var h = new EngineHarness();
        await h.Store.SaveSettingsAsync(new EngineSettings { HookRetries = 1 });
        var vm = h.HealthyVms().First();
        var hook = new Hook { Name = "broken", Image = "fail" };
        h.Store.Hooks[hook.Id] = hook;
        var plan = h.AddPlan("retries", warm: false, [vm], hooks: _ => [new PlanHook(HookStep.PreHook, hook.Id)]);

        await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        Assert.Contains("failed after 2 attempt(s)", h.Vm(plan, vm).Error!.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hook_past_its_deadline_fails_the_vm()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var hook = new Hook { Name = "slow", Image = "quay.io/example/fail-slowly", DeadlineSeconds = 30 };
        h.Store.Hooks[hook.Id] = hook;
        var plan = h.AddPlan("deadline", warm: false, [vm], hooks: _ => [new PlanHook(HookStep.PreHook, hook.Id)]);

        await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        Assert.Contains("DeadlineExceeded", h.Vm(plan, vm).Error!.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_in_qemu_guest_agent_post_hook_runs_after_the_vm_is_created()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var hook = BuiltInHooks.InstallQemuGuestAgent(h.Time.GetUtcNow(), "vm-ssh");
        h.Store.Hooks[hook.Id] = hook;
        var plan = h.AddPlan("agent", warm: false, [vm], hooks: _ => [new PlanHook(HookStep.PostHook, hook.Id)]);

        await h.StartAsync(plan);
        await h.RunToEndAsync(plan);

        var status = h.Vm(plan, vm);
        Assert.True(status.Succeeded);
        var phases = h.Events.OfType<VmPhaseChanged>().Where(e => e.VmId == vm.Id).Select(e => e.To).ToList();
        Assert.Equal([Phases.CreateVM, Phases.PostHook, Phases.Completed], phases.TakeLast(3).ToArray());
        Assert.Equal(PipelineSteps.PostHook, status.Pipeline[^1].Name);
        Assert.NotNull(await h.HookRunner.GetAsync("vm-imports", MigrationNames.HookJob(plan, vm.Id, HookStep.PostHook)));
    }
}
