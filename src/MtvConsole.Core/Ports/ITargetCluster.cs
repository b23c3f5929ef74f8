using MtvConsole.Core.Inventory;

namespace MtvConsole.Core.Ports;

/// <summary>
/// The target side (OpenShift Virtualization) as the engine and the wizard see it: CDI DataVolumes,
/// KubeVirt VirtualMachines and virt-v2v conversion pods. Implemented by the Lab's simulated cluster and
/// by the real KubernetesClient adapter.
/// </summary>
public interface ITargetCluster
{
    Task<TargetInventory> GetInventoryAsync(CancellationToken cancellationToken = default);

    Task EnsureNamespaceAsync(string name, CancellationToken cancellationToken = default);

    Task CreateDataVolumeAsync(DataVolumeSpec spec, CancellationToken cancellationToken = default);

    Task<DataVolumeStatus?> GetDataVolumeAsync(string @namespace, string name, CancellationToken cancellationToken = default);

    /// <summary>Appends a checkpoint to the DataVolume (duplicates are ignored); <paramref name="final"/> sets finalCheckpoint.</summary>
    Task AddCheckpointAsync(string @namespace, string name, DataVolumeCheckpoint checkpoint, bool final, CancellationToken cancellationToken = default);

    Task DeleteDataVolumeAsync(string @namespace, string name, CancellationToken cancellationToken = default);

    Task CreateVirtualMachineAsync(TargetVmSpec spec, CancellationToken cancellationToken = default);

    Task<TargetVm?> GetVirtualMachineAsync(string @namespace, string name, CancellationToken cancellationToken = default);

    Task StartVirtualMachineAsync(string @namespace, string name, CancellationToken cancellationToken = default);

    Task DeleteVirtualMachineAsync(string @namespace, string name, CancellationToken cancellationToken = default);

    Task CreateConversionPodAsync(ConversionPodSpec spec, CancellationToken cancellationToken = default);

    Task<PodStatus?> GetPodAsync(string @namespace, string name, CancellationToken cancellationToken = default);

    Task DeletePodAsync(string @namespace, string name, CancellationToken cancellationToken = default);
}

/// <summary>A checkpoint of a warm import: <c>previous</c> is the change id of the previous precopy ("" for the first), <c>current</c> the new snapshot.</summary>
public sealed record DataVolumeCheckpoint(string Previous, string Current);

/// <summary>
/// A CDI DataVolume with a VDDK source. <see cref="SourceUrl"/> is the vCenter SDK URL, or
/// <c>https://&lt;host migration IP&gt;/sdk</c> when the VM's ESXi host has a Ready migration network.
/// <see cref="TransferNetwork"/> (<c>namespace/name</c> of a NAD) puts the importer on that network.
/// </summary>
public sealed record DataVolumeSpec
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    public required string SourceUrl { get; init; }
    public required string VmId { get; init; }
    public required string VmUuid { get; init; }
    public required int DiskKey { get; init; }
    public required string BackingFile { get; init; }
    public string Thumbprint { get; init; } = "";
    public required string StorageClass { get; init; }
    public VolumeMode VolumeMode { get; init; } = VolumeMode.Filesystem;
    public AccessMode AccessMode { get; init; } = AccessMode.ReadWriteOnce;
    public required long SizeBytes { get; init; }
    public string? TransferNetwork { get; init; }
    public IReadOnlyList<DataVolumeCheckpoint> Checkpoints { get; init; } = [];

    /// <summary>The source provider whose credentials the importer uses (a real cluster puts them in a per-VM Secret).</summary>
    public Guid SourceProviderId { get; init; }

    /// <summary>The per-VM Secret holding the source credentials for the importer; one per VM, shared by its disks.</summary>
    public string? SecretName { get; init; }

    /// <summary>The source provider's VDDK init image (<c>source.vddk.initImageURL</c>); null when it has none.</summary>
    public string? VddkInitImage { get; init; }
}

public enum DataVolumePhase
{
    Pending,
    ImportScheduled,
    ImportInProgress,
    Paused,
    Succeeded,
    Failed,
}

/// <summary>DataVolume status: phase, progress in percent, importer restarts and the last message.</summary>
public sealed record DataVolumeStatus(
    string Namespace,
    string Name,
    DataVolumePhase Phase,
    double ProgressPercent,
    int RestartCount,
    string Message,
    IReadOnlyList<DataVolumeCheckpoint> Checkpoints,
    bool FinalCheckpoint,
    long BytesTransferred)
{
    /// <summary>The importer pod's container that waits to start (an image it cannot pull), when one does.</summary>
    public ImporterWaiting? ImporterWaiting { get; init; }
}

/// <summary>
/// A container of the importer pod waiting to start: the kubelet's reason (<c>ErrImagePull</c>,
/// <c>ImagePullBackOff</c>, …) and message, the container and its image.
/// </summary>
public sealed record ImporterWaiting(string Pod, string Container, string Image, string Reason, string Message);

public sealed record TargetVmSpec
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public int CpuSockets { get; init; } = 1;
    public int CpuCores { get; init; } = 1;
    public int MemoryMB { get; init; } = 1024;
    public string Firmware { get; init; } = "bios";

    /// <summary>UEFI secure boot (EFI firmware only).</summary>
    public bool SecureBoot { get; init; }
    public IReadOnlyList<TargetVmNic> Nics { get; init; } = [];
    public IReadOnlyList<string> DataVolumes { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>A NIC of a target VM: <c>pod</c> (masquerade) or <c>multus</c> (bridge on a NAD), MAC preserved.</summary>
public sealed record TargetVmNic(string Name, string NetworkType, string? NetworkName, string Mac);

/// <summary>A virt-v2v guest conversion pod over the VM's volumes.</summary>
public sealed record ConversionPodSpec
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required string VmId { get; init; }
    public required string GuestId { get; init; }
    public required long TotalDiskBytes { get; init; }
    public IReadOnlyList<string> DataVolumes { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The source VM's name, CPUs, memory and firmware, written into the libvirt domain XML virt-v2v reads.</summary>
    public string VmName { get; init; } = "";
    public int CpuCount { get; init; } = 1;
    public int MemoryMB { get; init; } = 1024;
    public string Firmware { get; init; } = "bios";
}

public enum PodPhase
{
    Pending,
    Running,
    Succeeded,
    Failed,
}

public sealed record PodStatus(string Namespace, string Name, PodPhase Phase, string Message, double ProgressPercent);

/// <summary>DataVolume annotations the engine sets and the adapters honour.</summary>
public static class DataVolumeAnnotations
{
    /// <summary>CDI: bind a WaitForFirstConsumer PVC right away, so the import need not wait for the VM.</summary>
    public const string BindImmediate = "cdi.kubevirt.io/storage.bind.immediate.requested";
}
