using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// The engine is killed (replaced by a new one over the same store and world) when a VM reaches each
/// phase; the new engine resumes it there, never creates anything twice, and the VM succeeds.
/// </summary>
public sealed class KillAndResumeTests
{
    public static TheoryData<string> WarmPhases() => new(Itinerary.For(warm: true, hasPreHook: true, hasPostHook: true).Phases.Where(p => p != Phases.Completed));

    public static TheoryData<string> ColdPhases() => new(Itinerary.For(warm: false, hasPreHook: false, hasPostHook: false).Phases.Where(p => p != Phases.Completed));

    [Theory]
    [MemberData(nameof(WarmPhases))]
    public async Task Warm_vm_resumes_at_its_phase(string phase)
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms(v => v.Disks.Count >= 2).First();
        var hook = new Hook { Name = "agent", Image = "quay.io/konveyor/hook-runner:latest", Playbook = Convert.ToBase64String("- hosts: localhost\n  tasks:\n  - debug: {msg: resumed}\n"u8.ToArray()) };
        h.Store.Hooks[hook.Id] = hook;
        var plan = h.AddPlan("resume", warm: true, [vm], hooks: _ => [new PlanHook(HookStep.PreHook, hook.Id), new PlanHook(HookStep.PostHook, hook.Id)]);
        await h.StartAsync(plan, precopyMinutes: 10);

        // Cut over once two precopies are done, so every phase of the loop and of the cutover is reached.
        async Task CutOverAfterTwoPrecopies()
        {
            if (h.Run(plan).Cutover is null && h.Vm(plan, vm).Warm!.Successes >= 2)
            {
                await h.Commands.SetCutoverAsync("resume", h.Time.GetUtcNow(), null, "ops");
            }
        }

        await KillAtAndFinishAsync(h, plan, vm.Id, phase, CutOverAfterTwoPrecopies);

        var status = h.Vm(plan, vm);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.True(status.Warm!.Successes >= 2);
        Assert.Equal(status.Warm.Precopies.Count, status.Warm.Precopies.Select(p => p.Snapshot).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(ColdPhases))]
    public async Task Cold_vm_resumes_at_its_phase(string phase)
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms(v => v.Disks.Count >= 2).First();
        var plan = h.AddPlan("resume-cold", warm: false, [vm]);
        await h.StartAsync(plan);

        await KillAtAndFinishAsync(h, plan, vm.Id, phase, null);

        var status = h.Vm(plan, vm);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.Equal(RestorePowerState.On, status.RestorePowerState);
        Assert.True((await h.Cluster.GetVirtualMachineAsync("vm-imports", MigrationNames.TargetVm(vm.Name)))!.Running);
    }

    private static async Task KillAtAndFinishAsync(EngineHarness h, Plan plan, string vmId, string phase, Func<Task>? betweenTicks)
    {
        await h.RunUntilAsync(() => h.Run(plan).Vms.Single(v => v.VmId == vmId).Phase == phase, seconds: 5, betweenTicks: betweenTicks);
        h.RestartEngine();
        h.Events.Clear();

        await h.RunToEndAsync(plan, seconds: 5, betweenTicks: betweenTicks);

        var phases = h.Events.OfType<VmPhaseChanged>().Where(e => e.VmId == vmId).ToList();
        Assert.Equal(phase, phases[0].From);
        Assert.DoesNotContain(phases, e => e.To == Phases.Started);
    }
}
