using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>Keeps a VM's pipeline steps in line with its phase and its disks' progress (roll-up of reference §4.4).</summary>
internal static class PipelineProgress
{
    public static void Enter(VmStatus status, string phase, bool warm, DateTimeOffset now)
    {
        var step = PipelineSteps.StepOf(phase, warm);
        var index = step is null ? status.Pipeline.Count : status.Pipeline.FindIndex(s => s.Name == step);
        if (index < 0) return;
        for (var i = 0; i < index; i++)
        {
            Complete(status.Pipeline[i], now);
        }

        if (index < status.Pipeline.Count) Start(status.Pipeline[index], now);
    }

    public static void Start(PipelineStep step, DateTimeOffset now)
    {
        if (step.Tasks.Count == 0)
        {
            step.Started ??= now;
            if (step.Completed is null) step.Phase = StepPhase.Running;
            return;
        }

        foreach (var task in step.Tasks.Where(t => t.Started is null))
        {
            task.Started = now;
            task.Phase = StepPhase.Running;
        }

        step.RollUp();
    }

    public static void Complete(PipelineStep step, DateTimeOffset now)
    {
        if (step.Completed is not null && step.Phase == StepPhase.Completed) return;
        foreach (var task in step.Tasks.Where(t => t.Completed is null))
        {
            task.Started ??= now;
            task.Completed = now;
            task.Phase = StepPhase.Completed;
            task.Progress = task.Progress with { Completed = task.Progress.Total };
        }

        step.Started ??= now;
        step.Completed = now;
        step.Phase = StepPhase.Completed;
        if (step.Tasks.Count > 0) step.RollUp();
        else step.Progress = step.Progress with { Completed = step.Progress.Total };
    }

    public static void FailCurrent(VmStatus status, string reason, DateTimeOffset now)
    {
        var current = status.Pipeline.FirstOrDefault(s => s.Phase == StepPhase.Running) ?? status.Pipeline.FirstOrDefault(s => s.Completed is null);
        if (current is null) return;
        current.Error = new VmError(status.Error?.Phase ?? status.Phase, [reason]);
        current.Completed ??= now;
        current.Phase = StepPhase.Completed;
    }

    /// <summary>Mirrors DataVolume progress onto the step's disk tasks; true when anything changed.</summary>
    public static bool UpdateDisks(PipelineStep step, IReadOnlyList<(PipelineTask Task, DataVolumeStatus? Dv)> disks, bool copyDone, DateTimeOffset now)
    {
        var changed = false;
        foreach (var (task, dv) in disks)
        {
            var total = task.Progress.Total;
            var done = dv is null ? 0 : dv.Phase is DataVolumePhase.Succeeded || (dv.Phase == DataVolumePhase.Paused && copyDone)
                ? total
                : (long)(dv.ProgressPercent / 100.0 * total);
            var phase = done >= total && copyDone ? StepPhase.Completed : StepPhase.Running;
            var reason = dv?.Phase is DataVolumePhase.Pending or DataVolumePhase.ImportScheduled ? dv.Message : "";
            if (task.Progress.Completed == done && task.Phase == phase && task.Reason == reason) continue;
            task.Progress = task.Progress with { Completed = done };
            task.Phase = phase;
            task.Reason = reason;
            task.Started ??= now;
            task.Completed = phase == StepPhase.Completed ? task.Completed ?? now : null;
            changed = true;
        }

        if (changed) step.RollUp();
        return changed;
    }

    /// <summary>A new precopy: the disk tasks start over, annotated with the precopy number.</summary>
    public static void ResetDisks(PipelineStep step, int precopy, DateTimeOffset now)
    {
        foreach (var task in step.Tasks)
        {
            task.Progress = task.Progress with { Completed = 0 };
            task.Phase = StepPhase.Running;
            task.Started = now;
            task.Completed = null;
            task.Annotations[PipelineSteps.PrecopyAnnotation] = precopy.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        step.Completed = null;
        step.RollUp();
    }

    public static void CompleteAll(VmStatus status, DateTimeOffset now)
    {
        foreach (var step in status.Pipeline.Where(s => s.Error is null)) Complete(step, now);
    }
}
