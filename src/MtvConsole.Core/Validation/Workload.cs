using System.Text.Json;
using System.Text.Json.Serialization;

namespace MtvConsole.Core.Validation;

/// <summary>
/// The input of validation: a VM in Forklift's inventory JSON shape (reference §8.1, §9.1) with its
/// <c>host</c>, the host's <c>cluster</c> and the cluster's <c>datacenter</c>. Every field is optional:
/// like Rego, a rule whose field is absent (null) does not fire.
/// </summary>
public sealed record Workload
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Path { get; init; }
    public string? Firmware { get; init; }
    public bool? SecureBoot { get; init; }
    public string? PowerState { get; init; }
    public bool? IsTemplate { get; init; }
    public WorkloadSnapshot? Snapshot { get; init; }
    public bool? ChangeTrackingEnabled { get; init; }
    public IReadOnlyList<JsonElement>? CpuAffinity { get; init; }
    public bool? CpuHotAddEnabled { get; init; }
    public bool? CpuHotRemoveEnabled { get; init; }
    public bool? MemoryHotAddEnabled { get; init; }
    public bool? FaultToleranceEnabled { get; init; }
    public int? CpuCount { get; init; }
    public int? MemoryMB { get; init; }
    public string? GuestId { get; init; }
    public string? GuestName { get; init; }
    public string? GuestNameFromVmwareTools { get; init; }
    public string? HostName { get; init; }
    public long? BalloonedMemory { get; init; }
    public IReadOnlyList<JsonElement>? NumaNodeAffinity { get; init; }
    public bool? DiskEnableUuid { get; init; }
    public bool? TpmEnabled { get; init; }
    public bool? ConsolidationNeeded { get; init; }
    public IReadOnlyList<WorkloadDevice>? Devices { get; init; }
    public IReadOnlyList<WorkloadDisk>? Disks { get; init; }
    public IReadOnlyList<WorkloadGuestNetwork>? GuestNetworks { get; init; }
    public IReadOnlyList<WorkloadGuestDisk>? GuestDisks { get; init; }
    public WorkloadHost? Host { get; init; }

    /// <summary>Not part of Forklift's shape: the VM is in a warm plan (raises the warm-migration rules).</summary>
    [JsonIgnore]
    public bool InWarmPlan { get; init; }
}

public sealed record WorkloadRef(string? Kind, string? Id);

public sealed record WorkloadSnapshot(string? Kind, string? Id);

public sealed record WorkloadDevice(string? Kind);

public sealed record WorkloadDisk
{
    public int? Key { get; init; }
    public string? File { get; init; }
    public WorkloadRef? Datastore { get; init; }
    public long? Capacity { get; init; }
    public bool? Shared { get; init; }
    public bool? Rdm { get; init; }
    public string? Bus { get; init; }
    public string? Mode { get; init; }
    public bool? ChangeTrackingEnabled { get; init; }
    public int? ControllerKey { get; init; }
    public int? UnitNumber { get; init; }
}

public sealed record WorkloadGuestNetwork(string? Device, string? Mac, string? Ip, int? Prefix);

public sealed record WorkloadGuestDisk(string? DiskPath, long? Capacity, long? FreeSpace, int? Key);

public sealed record WorkloadHost
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public bool? InMaintenance { get; init; }
    public WorkloadCluster? Cluster { get; init; }
}

public sealed record WorkloadCluster
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public bool? DasEnabled { get; init; }
    public bool? DrsEnabled { get; init; }
    public bool? DpmEnabled { get; init; }
    public IReadOnlyList<WorkloadRef>? HostAffinityVms { get; init; }
    public WorkloadDatacenter? Datacenter { get; init; }
}

public sealed record WorkloadDatacenter(string? Id, string? Name);
