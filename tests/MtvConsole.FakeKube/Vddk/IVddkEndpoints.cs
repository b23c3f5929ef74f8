namespace MtvConsole.FakeKube.Vddk;

/// <summary>
/// What the fake CDI importer reaches over VDDK at a DataVolume's <c>source.vddk.url</c>: vCenters and ESXi hosts, the
/// certificate each presents, the accounts each accepts, and the disks (with their snapshot chains) of the VMs each
/// serves. Tests supply it: one built from the Lab world, or one backed by the vSphere simulator. Every method takes
/// the SDK URL as the DataVolume gives it (<c>https://vcenter.example.com/sdk</c>, <c>https://10.0.0.5/sdk</c>).
/// </summary>
public interface IVddkEndpoints
{
    /// <summary>The SHA-1 thumbprint (colon hex, as vSphere writes it) of the certificate presented at <paramref name="url"/>; null when nothing answers there.</summary>
    string? Thumbprint(string url);

    /// <summary>Whether the vCenter or ESXi host at <paramref name="url"/> accepts this login.</summary>
    bool Accepts(string url, string user, string password);

    /// <summary>Whether the endpoint finds a VM with this instance or BIOS UUID.</summary>
    bool HasVm(string url, string vmUuid);

    /// <summary>
    /// The VM's disk that <paramref name="backingFile"/> names: its current file (the top of the snapshot chain) or any
    /// file of its chain (a snapshot's disk or the base it grew from); null when no disk of the VM has that file.
    /// </summary>
    VddkDisk? FindDisk(string url, string vmUuid, string backingFile);

    /// <summary>The file of disk <paramref name="diskKey"/> as snapshot <paramref name="snapshotId"/> froze it; null when the VM has no such snapshot.</summary>
    string? SnapshotFile(string url, string vmUuid, int diskKey, string snapshotId);
}

/// <summary>A VM disk as VDDK sees it: its device key and the file the VM writes to now (the top of its snapshot chain).</summary>
public sealed record VddkDisk(int Key, string CurrentFile);

/// <summary>
/// What one importer run copied: the file nbdkit opened and, for a warm stage, the snapshot it read; whether that file
/// was the disk's current one (a cold copy of anything else copies stale data, as the real importer silently does).
/// </summary>
public sealed record VddkCopy(int Stage, string File, string? Snapshot, bool CurrentFile);
