namespace MtvConsole.Core.Engine;

/// <summary>Itinerary phase names of the current Forklift (reference §4.3).</summary>
public static class Phases
{
    public const string Started = "Started";
    public const string PreHook = "PreHook";
    public const string StorePowerState = "StorePowerState";
    public const string PowerOffSource = "PowerOffSource";
    public const string WaitForPowerOff = "WaitForPowerOff";
    public const string CreateInitialSnapshot = "CreateInitialSnapshot";
    public const string WaitForInitialSnapshot = "WaitForInitialSnapshot";
    public const string StoreInitialSnapshotDeltas = "StoreInitialSnapshotDeltas";
    public const string CreateDataVolumes = "CreateDataVolumes";
    public const string CopyDisks = "CopyDisks";
    public const string CopyingPaused = "CopyingPaused";
    public const string RemovePreviousSnapshot = "RemovePreviousSnapshot";
    public const string WaitForPreviousSnapshotRemoval = "WaitForPreviousSnapshotRemoval";
    public const string CreateSnapshot = "CreateSnapshot";
    public const string WaitForSnapshot = "WaitForSnapshot";
    public const string StoreSnapshotDeltas = "StoreSnapshotDeltas";
    public const string AddCheckpoint = "AddCheckpoint";
    public const string RemovePenultimateSnapshot = "RemovePenultimateSnapshot";
    public const string WaitForPenultimateSnapshotRemoval = "WaitForPenultimateSnapshotRemoval";
    public const string CreateFinalSnapshot = "CreateFinalSnapshot";
    public const string WaitForFinalSnapshot = "WaitForFinalSnapshot";
    public const string AddFinalCheckpoint = "AddFinalCheckpoint";
    public const string Finalize = "Finalize";
    public const string RemoveFinalSnapshot = "RemoveFinalSnapshot";
    public const string CreateGuestConversionPod = "CreateGuestConversionPod";
    public const string ConvertGuest = "ConvertGuest";
    public const string CreateVM = "CreateVM";
    public const string PostHook = "PostHook";
    public const string Completed = "Completed";
}
