using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>
/// The generated starting inventory of both sides, plus the Lab-only per-VM traits: the dirty rate
/// (MB/s of changed blocks while running) and the allocated bytes of each disk.
/// </summary>
public sealed class LabInventory
{
    private readonly IReadOnlyDictionary<string, double> _dirtyRates;
    private readonly IReadOnlyDictionary<(string VmId, int DiskKey), long> _allocated;

    internal LabInventory(
        VsphereInventory vsphere,
        TargetInventory target,
        string vCenterThumbprint,
        IReadOnlyDictionary<string, double> dirtyRates,
        IReadOnlyDictionary<(string VmId, int DiskKey), long> allocated)
    {
        Vsphere = vsphere;
        Target = target;
        VCenterThumbprint = vCenterThumbprint;
        _dirtyRates = dirtyRates;
        _allocated = allocated;
    }

    public VsphereInventory Vsphere { get; }
    public TargetInventory Target { get; }
    public string VCenterThumbprint { get; }

    /// <summary>MB/s of changed blocks per disk while the VM is powered on.</summary>
    public double DirtyRateMBps(string vmId) =>
        _dirtyRates.TryGetValue(vmId, out var rate) ? rate : throw new KeyNotFoundException($"VM '{vmId}' is not in the Lab inventory.");

    /// <summary>Bytes allocated on the disk (what a full copy reads).</summary>
    public long AllocatedBytes(string vmId, int diskKey) =>
        _allocated.TryGetValue((vmId, diskKey), out var bytes)
            ? bytes
            : throw new KeyNotFoundException($"Disk {diskKey} of VM '{vmId}' is not in the Lab inventory.");
}
