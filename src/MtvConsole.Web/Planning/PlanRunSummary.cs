using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Planning;

/// <summary>The VM counters a plan row shows for its latest run: succeeded, failed, canceled, running, waiting for cutover.</summary>
public sealed record PlanRunSummary(int Succeeded, int Failed, int Canceled, int Running, int WaitingForCutover)
{
    public static PlanRunSummary From(MigrationRun run)
    {
        int Completed(string type) => run.Vms.Count(v => v.Completed is not null && v.HasCondition(type));
        var running = run.Vms.Where(v => v.Completed is null && v.Started is not null).ToList();
        var waiting = running.Count(v => v.Phase == Phases.CopyingPaused && run.CutoverFor(v.VmId) is null);
        return new PlanRunSummary(Completed(ConditionTypes.Succeeded), Completed(ConditionTypes.Failed), Completed(ConditionTypes.Canceled),
            running.Count - waiting, waiting);
    }

    /// <summary>A running warm plan whose every running VM waits between precopies with no cutover set.</summary>
    public bool OnlyWaitingForCutover => WaitingForCutover > 0 && Running == 0;
}
