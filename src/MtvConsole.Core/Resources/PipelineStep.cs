namespace MtvConsole.Core.Resources;

public enum StepPhase
{
    Pending,
    Running,
    Completed,
}

public sealed record Progress(long Completed, long Total)
{
    public double Percent => Total <= 0 ? 0 : Math.Min(100.0, 100.0 * Completed / Total);
}

/// <summary>A unit of work inside a pipeline step, e.g. one disk's transfer (progress in MB).</summary>
public class PipelineTask
{
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public StepPhase Phase { get; set; }
    public string Reason { get; set; } = "";
    public Progress Progress { get; set; } = new(0, 0);
    public Dictionary<string, string> Annotations { get; set; } = [];
    public DateTimeOffset? Started { get; set; }
    public DateTimeOffset? Completed { get; set; }
    public VmError? Error { get; set; }
}

/// <summary>
/// A coarse pipeline step users see (a task with tasks, as in Forklift) (Initialize, PreHook, DiskTransfer, Cutover, ImageConversion,
/// VirtualMachineCreation, PostHook). With tasks, its progress and timing roll up from them.
/// </summary>
public sealed class PipelineStep : PipelineTask
{
    public List<PipelineTask> Tasks { get; set; } = [];

    /// <summary>
    /// Forklift's roll-up: completed = sum of task completed; started when any task started; completed
    /// when all tasks completed; the first task error becomes the step's error.
    /// </summary>
    public void RollUp()
    {
        if (Tasks.Count == 0) return;
        Progress = new Progress(Tasks.Sum(t => t.Progress.Completed), Tasks.Sum(t => t.Progress.Total));
        Started = Tasks.Where(t => t.Started is not null).Select(t => t.Started).Min();
        var allDone = Tasks.All(t => t.Completed is not null);
        Completed = allDone ? Tasks.Max(t => t.Completed) : null;
        Phase = allDone ? StepPhase.Completed : Started is not null ? StepPhase.Running : StepPhase.Pending;
        Error = Tasks.Select(t => t.Error).FirstOrDefault(e => e is not null) ?? Error;
    }
}
