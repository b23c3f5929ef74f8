namespace MtvConsole.Core.Engine;

/// <summary>
/// The engine's knobs (reference §11), edited by admins on the Settings page and read by the engine at
/// every decision, so a change applies to running plans from their next step.
/// </summary>
public sealed class EngineSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>MAX_VM_INFLIGHT: disk transfers in flight per ESXi host, shared by the plans of one source provider.</summary>
    public int MaxInFlightPerHost { get; set; } = 20;

    /// <summary>PRECOPY_INTERVAL: minutes between warm precopies (a run can override it).</summary>
    public int PrecopyIntervalMinutes { get; set; } = 60;

    /// <summary>warmImport.maxFailures: a warm VM fails after this many failed precopies in all.</summary>
    public int WarmMaxFailures { get; set; } = 10;

    /// <summary>warmImport.consecutiveFailures: a warm VM fails after this many failed precopies in a row.</summary>
    public int WarmMaxConsecutiveFailures { get; set; } = 5;

    /// <summary>HOOK_RETRY: hook job failures tolerated before the hook fails.</summary>
    public int HookRetries { get; set; } = 3;

    /// <summary>IMPORTER_RETRY: importer pod restarts tolerated before a disk transfer fails.</summary>
    public int ImporterRetries { get; set; } = 3;

    /// <summary>
    /// Minutes a guest conversion (virt-v2v pod, from its creation) may take before the VM fails. Forklift has no such
    /// limit; the console sets one so that a pod stuck Pending or a conversion image that never exits cannot hold a VM forever.
    /// </summary>
    public int ConversionTimeoutMinutes { get; set; } = 240;

    /// <summary>Minutes an importer may wait to start (its image not pullable, its DataVolume Pending) before its VM fails.</summary>
    public int ImporterStartTimeoutMinutes { get; set; } = 10;

    /// <summary>Why the settings are not acceptable, or null when they are.</summary>
    public string? Problem() =>
        MaxInFlightPerHost < 1 ? "Max in-flight disk transfers per host must be at least 1."
        : PrecopyIntervalMinutes < 1 ? "The precopy interval must be at least 1 minute."
        : WarmMaxFailures < 1 ? "Warm failures in all must be at least 1."
        : WarmMaxConsecutiveFailures < 1 ? "Warm failures in a row must be at least 1."
        : HookRetries < 0 ? "Hook retries must be 0 or more."
        : ImporterRetries < 0 ? "Importer retries must be 0 or more."
        : ConversionTimeoutMinutes < 1 ? "The guest conversion timeout must be at least 1 minute."
        : ImporterStartTimeoutMinutes < 1 ? "The importer start timeout must be at least 1 minute."
        : null;

    public EngineSettings Copy() => (EngineSettings)MemberwiseClone();

    public override string ToString() =>
        $"max in-flight per host {MaxInFlightPerHost}, precopy interval {PrecopyIntervalMinutes} min, warm failures {WarmMaxFailures} in all / "
        + $"{WarmMaxConsecutiveFailures} in a row, hook retries {HookRetries}, importer retries {ImporterRetries}, importer start timeout {ImporterStartTimeoutMinutes} min, conversion timeout {ConversionTimeoutMinutes} min";
}
