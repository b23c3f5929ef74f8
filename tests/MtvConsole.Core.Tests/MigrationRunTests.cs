using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests;

public class MigrationRunTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static VmStatus Vm(string id, params string[] conditions) => new()
    {
        VmId = id,
        Name = id,
        Completed = T0,
        Conditions = [.. conditions.Select(c => new Condition { Type = c, Category = ConditionCategory.Advisory, Durable = true })],
    };

    [Fact]
    public void End_state_is_failed_when_any_vm_failed()
    {
        Assert.Equal(ConditionTypes.Failed, MigrationRun.EndState([Vm("a", ConditionTypes.Succeeded), Vm("b", ConditionTypes.Failed), Vm("c", ConditionTypes.Canceled)]));
    }

    [Fact]
    public void End_state_is_succeeded_when_none_failed_and_any_succeeded()
    {
        Assert.Equal(ConditionTypes.Succeeded, MigrationRun.EndState([Vm("a", ConditionTypes.Succeeded), Vm("b", ConditionTypes.Canceled)]));
    }

    [Fact]
    public void End_state_is_canceled_when_every_vm_was_canceled()
    {
        Assert.Equal(ConditionTypes.Canceled, MigrationRun.EndState([Vm("a", ConditionTypes.Canceled), Vm("b", ConditionTypes.Canceled)]));
    }

    [Fact]
    public void A_vm_cutover_override_wins_over_the_run_cutover()
    {
        var run = new MigrationRun { Cutover = T0, VmCutovers = [new VmCutover("vm-2", T0.AddHours(2))] };
        Assert.Equal(T0, run.CutoverFor("vm-1"));
        Assert.Equal(T0.AddHours(2), run.CutoverFor("vm-2"));
    }

    [Fact]
    public void A_vm_error_completes_the_vm_as_failed_and_keeps_every_reason()
    {
        var vm = new VmStatus { VmId = "vm-1", Name = "web-01", Phase = "CopyDisks", Started = T0 };
        vm.Fail("CopyDisks", "importer restarted 4 times", T0.AddMinutes(3));
        vm.Fail("CopyDisks", "disk 2 failed", T0.AddMinutes(4));

        Assert.Equal("Completed", vm.Phase);
        Assert.Equal(T0.AddMinutes(3), vm.Completed);
        Assert.True(vm.HasCondition(ConditionTypes.Failed));
        Assert.Equal(["importer restarted 4 times", "disk 2 failed"], vm.Error!.Reasons);
    }

    [Fact]
    public void A_step_rolls_up_its_tasks_progress_start_completion_and_error()
    {
        var step = new PipelineStep
        {
            Name = "DiskTransfer",
            Tasks =
            [
                new PipelineTask { Name = "disk-1", Progress = new Progress(1024, 1024), Started = T0, Completed = T0.AddMinutes(5) },
                new PipelineTask { Name = "disk-2", Progress = new Progress(512, 2048), Started = T0.AddMinutes(1) },
            ],
        };

        step.RollUp();
        Assert.Equal(new Progress(1536, 3072), step.Progress);
        Assert.Equal(T0, step.Started);
        Assert.Null(step.Completed);
        Assert.Equal(StepPhase.Running, step.Phase);

        step.Tasks[1].Progress = new Progress(2048, 2048);
        step.Tasks[1].Completed = T0.AddMinutes(9);
        step.Tasks[1].Error = new VmError("CopyDisks", ["checksum"]);
        step.RollUp();
        Assert.Equal(StepPhase.Completed, step.Phase);
        Assert.Equal(T0.AddMinutes(9), step.Completed);
        Assert.Equal(["checksum"], step.Error!.Reasons);
    }
}
