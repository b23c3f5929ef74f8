namespace MtvConsole.Core.Resources;

/// <summary>Warm migration state of a VM: precopy counters, the next precopy time and each precopy's history.</summary>
public sealed class WarmStatus
{
    public int Successes { get; set; }
    public int Failures { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? NextPrecopyAt { get; set; }
    public List<Precopy> Precopies { get; set; } = [];
}

/// <summary>One precopy: when it ran, its snapshot, the vSphere task ids, and the per-disk change ids recorded.</summary>
public sealed class Precopy
{
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset? End { get; set; }
    public string? Snapshot { get; set; }
    public string? CreateTaskId { get; set; }
    public string? RemoveTaskId { get; set; }
    public List<DiskDelta> Deltas { get; set; } = [];
    public long BytesCopied { get; set; }

    /// <summary>Why this precopy failed; null while it runs or when it succeeded.</summary>
    public string? Error { get; set; }

    /// <summary>The final snapshot taken at cutover (not a precopy between pauses).</summary>
    public bool Final { get; set; }
}

/// <summary>A disk's change id (disk = backing file with the snapshot suffix removed).</summary>
public sealed record DiskDelta(string Disk, string DeltaId);
