using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Planning;

namespace MtvConsole.Web.Tests;

public class PlanRunSummaryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static VmStatus Vm(string id, string phase, string? outcome = null) => new()
    {
        VmId = id, Name = id, Phase = phase, Started = T0, Completed = outcome is null ? null : T0.AddHours(1),
        Conditions = outcome is null ? [] : [new Condition { Type = outcome, Category = ConditionCategory.Advisory, Durable = true }],
    };

    private static Plan Executing() => new()
    {
        Name = "wave-1",
        Conditions = [new Condition { Type = ConditionTypes.Executing, Category = ConditionCategory.Advisory, Durable = true }],
    };

    [Fact]
    public void Counts_each_vm_once_by_its_state()
    {
        var run = new MigrationRun
        {
            Vms = [Vm("a", "Completed", ConditionTypes.Succeeded), Vm("b", "Completed", ConditionTypes.Failed), Vm("c", "Completed", ConditionTypes.Canceled),
                   Vm("d", Phases.CopyDisks), Vm("e", Phases.CopyingPaused)],
        };

        Assert.Equal(new PlanRunSummary(1, 1, 1, 1, 1), PlanRunSummary.From(run));
        Assert.Equal("Running", PlanStatus.Label(Executing(), PlanRunSummary.From(run)));
    }

    [Fact]
    public void A_warm_run_whose_vms_all_wait_between_precopies_without_cutover_is_waiting_for_cutover()
    {
        var run = new MigrationRun { Vms = [Vm("a", Phases.CopyingPaused), Vm("b", Phases.CopyingPaused)] };
        Assert.Equal("Waiting for cutover", PlanStatus.Label(Executing(), PlanRunSummary.From(run)));

        run.Cutover = T0.AddHours(2);
        Assert.Equal(new PlanRunSummary(0, 0, 0, 2, 0), PlanRunSummary.From(run));
        Assert.Equal("Running", PlanStatus.Label(Executing(), PlanRunSummary.From(run)));
    }
}
