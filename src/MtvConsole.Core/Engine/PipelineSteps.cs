using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// The pipeline steps users see (reference §4.3) and which itinerary phases belong to each. Disk steps
/// (DiskTransfer, and Cutover for warm) carry one task per disk, named by the backing file without the
/// snapshot suffix, with progress in MiB.
/// </summary>
public static class PipelineSteps
{
    public const string Initialize = "Initialize";
    public const string PreHook = "PreHook";
    public const string DiskTransfer = "DiskTransfer";
    public const string Cutover = "Cutover";
    public const string ImageConversion = "ImageConversion";
    public const string VirtualMachineCreation = "VirtualMachineCreation";
    public const string PostHook = "PostHook";

    public const string UnitAnnotation = "unit";
    public const string PrecopyAnnotation = "Precopy";

    private static readonly HashSet<string> WarmCutoverPhases =
    [
        Phases.StorePowerState, Phases.PowerOffSource, Phases.WaitForPowerOff, Phases.RemovePenultimateSnapshot,
        Phases.WaitForPenultimateSnapshotRemoval, Phases.CreateFinalSnapshot, Phases.WaitForFinalSnapshot,
        Phases.AddFinalCheckpoint, Phases.Finalize, Phases.RemoveFinalSnapshot,
    ];

    /// <summary>The step a phase belongs to; null for Completed.</summary>
    public static string? StepOf(string phase, bool warm) => phase switch
    {
        Phases.Completed => null,
        Phases.PreHook => PreHook,
        Phases.PostHook => PostHook,
        Phases.CreateGuestConversionPod or Phases.ConvertGuest => ImageConversion,
        Phases.CreateVM => VirtualMachineCreation,
        Phases.CopyDisks or Phases.CopyingPaused or Phases.RemovePreviousSnapshot or Phases.WaitForPreviousSnapshotRemoval
            or Phases.CreateSnapshot or Phases.WaitForSnapshot or Phases.StoreSnapshotDeltas or Phases.AddCheckpoint => DiskTransfer,
        _ when warm && WarmCutoverPhases.Contains(phase) => Cutover,
        _ => Initialize,
    };

    /// <summary>The steps of a VM's itinerary, in order, with per-disk tasks on the disk steps.</summary>
    public static List<PipelineStep> Build(Itinerary itinerary, bool warm, IReadOnlyList<VmDisk> disks)
    {
        var names = itinerary.Phases.Select(p => StepOf(p, warm)).OfType<string>().Distinct().ToList();
        return names.Select(name => new PipelineStep
        {
            Name = name,
            Description = Describe(name),
            Annotations = name is DiskTransfer or Cutover ? new() { [UnitAnnotation] = "MiB" } : [],
            Progress = new Progress(0, name is DiskTransfer or Cutover ? 0 : 1),
            Tasks = name is DiskTransfer or Cutover ? disks.Select(DiskTask).ToList() : [],
        }).ToList();
    }

    public static PipelineTask DiskTask(VmDisk disk) => new()
    {
        Name = DiskNames.TaskName(disk.File),
        Description = $"Transfer disk {DiskNames.TaskName(disk.File)}.",
        Progress = new Progress(0, DiskNames.MiB(disk.CapacityBytes)),
        Annotations = new() { [UnitAnnotation] = "MiB" },
    };

    private static string Describe(string step) => step switch
    {
        Initialize => "Initialize migration.",
        PreHook => "Run pre-migration hook.",
        DiskTransfer => "Transfer disks.",
        Cutover => "Finalize disk transfer.",
        ImageConversion => "Convert image to kubevirt.",
        VirtualMachineCreation => "Create VM.",
        PostHook => "Run post-migration hook.",
        _ => step,
    };
}
