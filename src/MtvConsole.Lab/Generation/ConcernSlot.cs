namespace MtvConsole.Lab.Generation;

/// <summary>
/// The validation triggers the generator plants. Every block of 100 VMs starts with one VM per slot
/// (offset = slot number), so every trigger exists for any VM count of at least <see cref="Count"/>.
/// </summary>
internal enum ConcernSlot
{
    CbtDisabled,
    DiskCbtDisabledAndIndependentDisk,
    SnapshotAndConsolidationNeeded,
    RdmAndSharedDisk,
    PciPassthroughUsbAndHostAffinity,
    SriovCpuAndNumaAffinity,
    EfiSecureBootAndTpm,
    EfiWithoutSecureBootAndNoGuestNetworks,
    NameWithUnderscoreAndWindowsDiskKeyZero,
    NameWithSpaceAndEmptyHostname,
    NameTooLongAndDefaultHostname,
    HotPlugAndBallooning,
    FaultToleranceInHaCluster,
    DatastoreMissingAndZeroCapacity,
    LowFreeSpaceAndDiskUuid,
    UnsupportedOs,
    Template,
    Disconnected,
    OnHostInMaintenance,
}

internal static class ConcernSlots
{
    public const int BlockSize = 100;
    public static readonly int Count = Enum.GetValues<ConcernSlot>().Length;

    /// <summary>Offsets in a block of the VM pairs that share a name (different datacenters, then different folders).</summary>
    public const int CrossDatacenterDuplicateFirst = 40;
    public const int CrossFolderDuplicateFirst = 42;

    public static ConcernSlot? ForIndex(int index)
    {
        var offset = index % BlockSize;
        return offset < Count ? (ConcernSlot)offset : null;
    }
}
