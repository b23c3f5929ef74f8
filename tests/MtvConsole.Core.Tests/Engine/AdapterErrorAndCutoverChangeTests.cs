using MtvConsole.Core.Auditing;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// An adapter error outside the precopy loop is retried with growing backoff and then fails only its
/// VM; a cutover can be removed and set again per VM while the VM waits between precopies.
/// </summary>
public sealed class AdapterErrorAndCutoverChangeTests
{
    [Fact]
    public async Task An_adapter_error_is_retried_with_backoff_then_fails_only_that_vm_with_phase_and_reason()
    {
        var h = new EngineHarness();
        var vms = h.HealthyVms().Take(2).ToArray();
        var attempts = new List<DateTimeOffset>();
        h.SourceAdapter = new FaultySource(h.VCenter, _ =>
        {
            attempts.Add(h.Time.GetUtcNow());
            return true;
        }, onlyVmId: vms[0].Id);
        h.RestartEngine();
        var plan = h.AddPlan("faulty", warm: true, vms);
        await h.StartAsync(plan, cutover: h.Time.GetUtcNow().AddMinutes(20), precopyMinutes: 5);

        await h.RunUntilAsync(() => h.Vm(plan, vms[0]).HasCondition(ConditionTypes.Failed), seconds: 1);
        Assert.Equal(MigrationEngine.MaxStepAttempts, attempts.Count);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalSeconds).ToArray();
        Assert.Equal([2.0, 4.0, 8.0, 16.0], gaps);
        var error = h.Vm(plan, vms[0]).Error!;
        Assert.Equal(Phases.CreateInitialSnapshot, error.Phase);
        Assert.Equal("CreateInitialSnapshot failed 5 times; last error: An error occurred while saving the snapshot (attempt 5).", error.Reasons[^1]);

        await h.RunToEndAsync(plan, seconds: 10);
        Assert.True(h.Vm(plan, vms[1]).Succeeded, h.Vm(plan, vms[1]).Error?.Reasons.LastOrDefault());
        Assert.Contains(h.Run(plan).Conditions, c => c.Type == ConditionTypes.Failed && c.Status == ConditionStatus.True);
    }

    [Fact]
    public async Task A_cutover_removed_while_waiting_keeps_precopying_and_a_per_vm_time_set_later_is_honoured()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("moving", warm: true, [vm]);
        await h.StartAsync(plan, cutover: h.Time.GetUtcNow().AddHours(1), precopyMinutes: 5);
        await h.RunUntilAsync(() => h.Vm(plan, vm).Warm!.Successes >= 1 && h.Vm(plan, vm).Phase == Phases.CopyingPaused, seconds: 10);

        Assert.True((await h.Commands.SetCutoverAsync("moving", null, null, "ops")).Succeeded);
        var removedAt = h.Time.GetUtcNow();
        await h.RunUntilAsync(() => h.Time.GetUtcNow() >= removedAt.AddHours(2), seconds: 30);
        Assert.DoesNotContain(h.Events.OfType<VmPhaseChanged>(), e => e.VmId == vm.Id && e.To == Phases.StorePowerState);
        var precopies = h.Vm(plan, vm).Warm!.Successes;
        Assert.True(precopies >= 12, $"{precopies} precopies in two hours at a 5-minute interval");

        var vmCutover = h.Time.GetUtcNow().AddMinutes(12);
        Assert.True((await h.Commands.SetCutoverAsync("moving", vmCutover, vm.Id, "ops")).Succeeded);
        await h.RunToEndAsync(plan, seconds: 10);

        var status = h.Vm(plan, vm);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        var powerState = h.Events.OfType<VmPhaseChanged>().Single(e => e.VmId == vm.Id && e.To == Phases.StorePowerState);
        Assert.InRange(powerState.At, vmCutover, vmCutover.AddMinutes(6));
        Assert.Equal(["cutover removed", $"cutover at {vmCutover:u}"],
            h.Audit.Entries.Where(e => e.Action == AuditActions.Cutover).Select(e => e.Details));
    }
}
