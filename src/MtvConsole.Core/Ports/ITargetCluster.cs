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

    /// <summary>
    /// The migration network host whose ESXi credentials the importer logs in with (the disks are read through that
    /// host); null: the source provider's (vCenter) credentials.
    /// </summary>
    public Guid? MigrationHostId { get; init; }

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
    /// <summary>
    /// The checkpoints (snapshot ids) CDI has copied and applied: its PVC's <c>cdi.kubevirt.io/storage.checkpoint.copied.&lt;current&gt;</c>
    /// annotations (kubevirt/containerized-data-importer c07cdb6fb pkg/controller/common/checkpoint-util.go: getCheckpointCopiedKey).
    /// </summary>
    public IReadOnlyCollection<string> CopiedCheckpoints { get; init; } = [];

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

    /// <summary>The disk <c>serial</c> of each DataVolume's disk (by DataVolume name).</summary>
    public IReadOnlyDictionary<string, string> DiskSerials { get; init; } = new Dictionary<string, string>();

    /// <summary>The DataVolume whose disk gets <c>bootOrder: 1</c>; null for none.</summary>
    public string? BootDataVolume { get; init; }
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

    /// <summary>The source VM's name (<c>V2V_vmName</c>, the domain libvirt looks up in vSphere), CPUs, memory and firmware.</summary>
    public string VmName { get; init; } = "";
    public int CpuCount { get; init; } = 1;
    public int MemoryMB { get; init; } = 1024;
    public string Firmware { get; init; } = "bios";

    /// <summary>The VM's VDDK Secret (<c>accessKeyId</c>/<c>secretKey</c>), mounted at <c>/etc/secret</c> for virt-v2v's libvirt login.</summary>
    public string SecretName { get; init; } = "";

    /// <summary>The libvirt URL parts and thumbprint virt-v2v reads the domain definition with; null only for pods made by hand in tests.</summary>
    public ConversionSource? Source { get; init; }

    /// <summary>
    /// The image's LOCAL_MIGRATION: true keeps the finished pod serving its results on :8080 until something POSTs
    /// <c>/shutdown</c>; false lets it exit when the conversion is done. The engine reads nothing from :8080, so it is false.
    /// </summary>
    public bool LocalMigration { get; init; }
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

    /// <summary>CDI 1.55–1.61 deleted a Succeeded DataVolume without this set to "false" (kubev2v/forklift d42511bb2 pkg/controller/plan/kubevirt.go:2830, added in 1baaa4a08).</summary>
    public const string DeleteAfterCompletion = "cdi.kubevirt.io/storage.deleteAfterCompletion";

    /// <summary>"false" keeps a warm import off CDI's populators, so the checkpoint-copied annotations land on the DataVolume's own PVC (kubev2v/forklift d42511bb2 pkg/controller/plan/kubevirt.go:2810-2814).</summary>
    public const string UsePopulator = "cdi.kubevirt.io/storage.usePopulator";
}
