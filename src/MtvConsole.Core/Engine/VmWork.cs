using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>One VM's step in one engine tick: its status, the run, the plan, the adapters, the settings and the clock.</summary>
internal sealed class VmWork(RunWork run, VmStatus status, VsphereVm vm, EngineSettings settings, DateTimeOffset now)
{
    public RunWork RunWork { get; } = run;
    public MigrationRun Run => RunWork.Run;
    public PlanContext Context => RunWork.Context;
    public Plan Plan => RunWork.Context.Plan;
    public VmStatus Status { get; } = status;
    public VsphereVm Vm { get; } = vm;
    public EngineSettings Settings { get; } = settings;
    public DateTimeOffset Now { get; } = now;
    public ISourceProvider Source => RunWork.Source;
    public ITargetCluster Target => RunWork.Target;
    public IHookRunner Hooks => RunWork.Hooks;
    public bool Warm => Plan.Warm;
    public string Namespace => Plan.TargetNamespace;
    public Itinerary Itinerary => RunWork.ItineraryOf(Status.VmId, Status.Name);

    /// <summary>Whether this step changed the status (then it is saved).</summary>
    public bool Changed { get; set; }

    public List<EngineEvent> Events { get; } = [];

    /// <summary>What the disks reported this step (for throughput and ETA), when they were polled.</summary>
    public CopyReading? Copy { get; set; }

    public WarmStatus WarmStatus => Status.Warm ??= new WarmStatus();

    public string DataVolumeName(VmDisk disk) => MigrationNames.DataVolume(Plan, Vm.Id, disk.Key);

    public IEnumerable<string> DataVolumeNames => Vm.Disks.Select(DataVolumeName);

    public TimeSpan PrecopyInterval => TimeSpan.FromMinutes(Run.PrecopyIntervalMinutes ?? Settings.PrecopyIntervalMinutes);

    public PipelineStep? Step(string name) => Status.Pipeline.FirstOrDefault(s => s.Name == name);

    /// <summary>Moves to a phase: completes the steps before the new phase's step and starts that step.</summary>
    public void MoveTo(string phase)
    {
        var from = Status.Phase;
        Status.Phase = phase;
        Changed = true;
        PipelineProgress.Enter(Status, phase, Warm, Now);
        Events.Add(new VmPhaseChanged(Run.Id, Now, Status.VmId, from, phase));
    }

    /// <summary>Moves to the itinerary's next phase.</summary>
    public void Next() => MoveTo(Itinerary.Next(Status.Phase));

    public void Fail(string reason)
    {
        Status.Fail(Status.Phase, reason, Now);
        Status.Conditions.RemoveAll(c => c.Type == EngineConditions.Pending);
        PipelineProgress.FailCurrent(Status, reason, Now);
        Changed = true;
        Events.Add(new VmPhaseChanged(Run.Id, Now, Status.VmId, Status.Error!.Phase, Phases.Completed));
    }

    public void SetCondition(Condition condition)
    {
        var set = new ConditionSet(Status.Conditions);
        set.Set(condition, Now);
        Status.Conditions = [.. set.List];
        Changed = true;
    }
}

/// <summary>Bytes transferred by all of a VM's disks and the average percent of the running copy.</summary>
internal sealed record CopyReading(long Bytes, double Percent);
