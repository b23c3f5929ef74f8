namespace MtvConsole.Core.Engine;

/// <summary>
/// A predicate-filtered phase list (Forklift's itinerary): hook phases appear only when the VM has that
/// hook. The warm precopy loop (CopyDisks … AddCheckpoint → CopyDisks) and the jump from CopyingPaused to
/// the cutover are decisions of the phases themselves; <see cref="Next"/> gives the straight-line order.
/// </summary>
public sealed class Itinerary
{
    private static readonly string[] Cold =
    [
        Engine.Phases.Started, Engine.Phases.PreHook, Engine.Phases.StorePowerState, Engine.Phases.PowerOffSource, Engine.Phases.WaitForPowerOff,
        Engine.Phases.CreateDataVolumes, Engine.Phases.CopyDisks, Engine.Phases.CreateGuestConversionPod, Engine.Phases.ConvertGuest,
        Engine.Phases.CreateVM, Engine.Phases.PostHook, Engine.Phases.Completed,
    ];

    private static readonly string[] Warm =
    [
        Engine.Phases.Started, Engine.Phases.PreHook, Engine.Phases.CreateInitialSnapshot, Engine.Phases.WaitForInitialSnapshot,
        Engine.Phases.StoreInitialSnapshotDeltas, Engine.Phases.CreateDataVolumes, Engine.Phases.CopyDisks, Engine.Phases.CopyingPaused,
        Engine.Phases.RemovePreviousSnapshot, Engine.Phases.WaitForPreviousSnapshotRemoval, Engine.Phases.CreateSnapshot,
        Engine.Phases.WaitForSnapshot, Engine.Phases.StoreSnapshotDeltas, Engine.Phases.AddCheckpoint,
        Engine.Phases.StorePowerState, Engine.Phases.PowerOffSource, Engine.Phases.WaitForPowerOff, Engine.Phases.RemovePenultimateSnapshot,
        Engine.Phases.WaitForPenultimateSnapshotRemoval, Engine.Phases.CreateFinalSnapshot, Engine.Phases.WaitForFinalSnapshot,
        Engine.Phases.AddFinalCheckpoint, Engine.Phases.Finalize, Engine.Phases.RemoveFinalSnapshot, Engine.Phases.CreateGuestConversionPod,
        Engine.Phases.ConvertGuest, Engine.Phases.CreateVM, Engine.Phases.PostHook, Engine.Phases.Completed,
    ];

    private Itinerary(IReadOnlyList<string> phases) => Phases = phases;

    public IReadOnlyList<string> Phases { get; }

    public static Itinerary For(bool warm, bool hasPreHook, bool hasPostHook) =>
        new((warm ? Warm : Cold)
            .Where(p => (p != Engine.Phases.PreHook || hasPreHook) && (p != Engine.Phases.PostHook || hasPostHook))
            .ToArray());

    public string First => Phases[0];

    public bool Contains(string phase) => Phases.Contains(phase);

    /// <summary>The phase after <paramref name="phase"/>; an unknown or last phase leads to Completed.</summary>
    public string Next(string phase)
    {
        var index = IndexOf(phase);
        return index < 0 || index + 1 >= Phases.Count ? Engine.Phases.Completed : Phases[index + 1];
    }

    public int IndexOf(string phase)
    {
        for (var i = 0; i < Phases.Count; i++)
        {
            if (Phases[i] == phase) return i;
        }

        return -1;
    }
}
