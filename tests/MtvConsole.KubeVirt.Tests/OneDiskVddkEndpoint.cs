using MtvConsole.FakeKube.Vddk;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// A VDDK endpoint that serves one VM with one disk and any snapshot: for tests about CDI's claims and importer pods,
/// where what the importer reads is not the point. It still checks thumbprint and account, as the real importer does.
/// </summary>
internal sealed class OneDiskVddkEndpoint(string url, string thumbprint, string vmUuid, int diskKey, string file) : IVddkEndpoints
{
    public string? Thumbprint(string candidate) => candidate == url ? thumbprint : null;

    public bool Accepts(string candidate, string user, string password) => candidate == url && user.Length > 0 && password.Length > 0;

    public bool HasVm(string candidate, string uuid) => candidate == url && uuid == vmUuid;

    public VddkDisk? FindDisk(string candidate, string uuid, string backingFile) =>
        HasVm(candidate, uuid) && backingFile == file ? new VddkDisk(diskKey, file) : null;

    public string? SnapshotFile(string candidate, string uuid, int key, string snapshotId) =>
        HasVm(candidate, uuid) && key == diskKey ? file.Replace(".vmdk", $"-{snapshotId}.vmdk", StringComparison.Ordinal) : null;
}
