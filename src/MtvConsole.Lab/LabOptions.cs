namespace MtvConsole.Lab;

/// <summary>
/// Settings of the Lab, the built-in simulated vCenter and OpenShift cluster (configuration section <c>Lab</c>).
/// Rates are in MB/s (1 MB = 1,000,000 bytes); durations in seconds.
/// </summary>
public sealed class LabOptions
{
    public const string SectionName = "Lab";
    public const int MinVmCount = 1;
    public const int MaxVmCount = 50_000;

    /// <summary>Seed of the generated inventory; same seed and VM count give the same inventory.</summary>
    public int Seed { get; set; } = 2021;

    /// <summary>Number of source VMs, 1..50,000.</summary>
    public int VmCount { get; set; } = 60;

    /// <summary>The simulated vCenter's SDK URL (the provider URL DataVolumes read from by default).</summary>
    public string VCenterUrl { get; set; } = "https://vcenter.lab.local/sdk";

    /// <summary>Time from a guest shutdown request until the VM is powered off.</summary>
    public double GuestShutdownSeconds { get; set; } = 20;

    /// <summary>Duration of a create-snapshot task.</summary>
    public double SnapshotCreateSeconds { get; set; } = 3;

    /// <summary>Duration of a remove-snapshot (consolidate) task.</summary>
    public double SnapshotRemoveSeconds { get; set; } = 5;

    /// <summary>
    /// How long a finished task stays readable before the simulated vCenter purges it, as vCenter does (about 10
    /// minutes); reading it afterwards reports it not found. 0 keeps tasks forever.
    /// </summary>
    public double TaskRetentionSeconds { get; set; } = 600;

    /// <summary>Read rate through vCenter over the ESXi management network (1 Gbps).</summary>
    public double ManagementNetworkMBps { get; set; } = 110;

    /// <summary>Read rate straight from an ESXi host's migration network adapter (10 Gbps).</summary>
    public double HostMigrationNetworkMBps { get; set; } = 1100;

    /// <summary>Importer throughput on the OpenShift pod network.</summary>
    public double PodNetworkMBps { get; set; } = 350;

    /// <summary>Importer throughput on a transfer network (NetworkAttachmentDefinition).</summary>
    public double TransferNetworkMBps { get; set; } = 1100;

    /// <summary>How long a DataVolume stays Pending (PVC binding) before it is scheduled.</summary>
    public double DataVolumePendingSeconds { get; set; } = 3;

    /// <summary>How long a DataVolume stays ImportScheduled (importer pod start) before copying.</summary>
    public double DataVolumeScheduledSeconds { get; set; } = 5;

    /// <summary>
    /// How long CDI goes on reporting a stale <c>Paused</c> after a checkpoint is added, before it copies it
    /// (kubev2v/forklift 3f92607e9, MTV-3789).
    /// </summary>
    public double CheckpointPickupSeconds { get; set; } = 5;

    /// <summary>How long a conversion pod stays Pending before virt-v2v runs.</summary>
    public double ConversionPodPendingSeconds { get; set; } = 5;

    /// <summary>Fixed virt-v2v time for a Linux guest.</summary>
    public double ConversionBaseSecondsLinux { get; set; } = 45;

    /// <summary>Fixed virt-v2v time for a Windows guest (driver injection, registry edits).</summary>
    public double ConversionBaseSecondsWindows { get; set; } = 240;

    /// <summary>virt-v2v time per GiB of disk for a Linux guest.</summary>
    public double ConversionSecondsPerGiBLinux { get; set; } = 0.5;

    /// <summary>virt-v2v time per GiB of disk for a Windows guest.</summary>
    public double ConversionSecondsPerGiBWindows { get; set; } = 1.2;

    /// <summary>How long virt-v2v runs before it gives up on an unsupported guest OS.</summary>
    public double ConversionFailureSeconds { get; set; } = 20;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (VmCount is < MinVmCount or > MaxVmCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(VmCount), VmCount, $"Lab:VmCount must be between {MinVmCount} and {MaxVmCount}, but was {VmCount}.");
        }

        RequirePositive(ManagementNetworkMBps, nameof(ManagementNetworkMBps));
        RequirePositive(HostMigrationNetworkMBps, nameof(HostMigrationNetworkMBps));
        RequirePositive(PodNetworkMBps, nameof(PodNetworkMBps));
        RequirePositive(TransferNetworkMBps, nameof(TransferNetworkMBps));
        RequireNonNegative(GuestShutdownSeconds, nameof(GuestShutdownSeconds));
        RequireNonNegative(SnapshotCreateSeconds, nameof(SnapshotCreateSeconds));
        RequireNonNegative(SnapshotRemoveSeconds, nameof(SnapshotRemoveSeconds));
        RequireNonNegative(TaskRetentionSeconds, nameof(TaskRetentionSeconds));
        RequireNonNegative(DataVolumePendingSeconds, nameof(DataVolumePendingSeconds));
        RequireNonNegative(DataVolumeScheduledSeconds, nameof(DataVolumeScheduledSeconds));
        RequireNonNegative(CheckpointPickupSeconds, nameof(CheckpointPickupSeconds));
        RequireNonNegative(ConversionPodPendingSeconds, nameof(ConversionPodPendingSeconds));
        RequireNonNegative(ConversionBaseSecondsLinux, nameof(ConversionBaseSecondsLinux));
        RequireNonNegative(ConversionBaseSecondsWindows, nameof(ConversionBaseSecondsWindows));
        RequireNonNegative(ConversionSecondsPerGiBLinux, nameof(ConversionSecondsPerGiBLinux));
        RequireNonNegative(ConversionSecondsPerGiBWindows, nameof(ConversionSecondsPerGiBWindows));
        RequireNonNegative(ConversionFailureSeconds, nameof(ConversionFailureSeconds));
        if (string.IsNullOrWhiteSpace(VCenterUrl) || !Uri.TryCreate(VCenterUrl, UriKind.Absolute, out _))
        {
            throw new ArgumentOutOfRangeException(nameof(VCenterUrl), VCenterUrl, "Lab:VCenterUrl must be an absolute URL.");
        }
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Lab:{name} must be greater than 0, but was {value}.");
        }
    }

    private static void RequireNonNegative(double value, string name)
    {
        if (!(value >= 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Lab:{name} must be 0 or more, but was {value}.");
        }
    }
}
