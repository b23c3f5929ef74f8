using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.FakeKube.Vddk;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Vsphere.Tests.Migration;

/// <summary>
/// The vSphere simulator as the fake CDI importer reaches it over VDDK: one vCenter at <see cref="Vcsim.Url"/> presenting
/// <see cref="Vcsim.Thumbprint"/> and accepting <see cref="Vcsim.User"/>/<see cref="Vcsim.Password"/>. It answers from
/// what vCenter reports through its own session of the adapter, asked again on every call (its inventory is never
/// served stale): VMs by BIOS UUID (<c>config.uuid</c>, what CDI's importer looks up, kubevirt/containerized-data-importer
/// c07cdb6fb pkg/importer/vddk-datasource_amd64.go: FindByUuid), each disk's current file from <c>config.hardware.device</c>,
/// and the files of its snapshot chain from <c>snapshot.rootSnapshotList</c> and each snapshot's own devices.
/// </summary>
internal sealed class VcsimVddkEndpoints(Vcsim sim) : IVddkEndpoints, IAsyncDisposable
{
    private readonly VsphereSourceProvider _vcenter = new(sim.Options(), TimeProvider.System) { FreshFor = TimeSpan.Zero };

    public string? Thumbprint(string url) => IsVCenter(url) ? sim.Thumbprint : null;

    public bool Accepts(string url, string user, string password) => IsVCenter(url) && user == Vcsim.User && password == Vcsim.Password;

    public bool HasVm(string url, string vmUuid) => IsVCenter(url) && Vm(vmUuid) is not null;

    public VddkDisk? FindDisk(string url, string vmUuid, string backingFile)
    {
        if (!IsVCenter(url) || Vm(vmUuid) is not { } vm) return null;
        var snapshotFiles = Ask(async () =>
        {
            var files = new List<DiskChangeId>();
            foreach (var snapshot in await _vcenter.GetSnapshotsAsync(vm.Id).ConfigureAwait(false))
                files.AddRange(await _vcenter.GetSnapshotChangeIdsAsync(vm.Id, snapshot.Id).ConfigureAwait(false));
            return files;
        });
        return vm.Disks
            .Where(d => d.File == backingFile || DiskNames.TrimSnapshotSuffix(d.File) == backingFile
                || snapshotFiles.Any(s => s.DiskKey == d.Key && s.BackingFile == backingFile))
            .Select(d => new VddkDisk(d.Key, d.File))
            .FirstOrDefault();
    }

    public string? SnapshotFile(string url, string vmUuid, int diskKey, string snapshotId)
    {
        if (!IsVCenter(url) || Vm(vmUuid) is not { } vm || !SnapshotExists(vm, snapshotId)) return null;
        return Ask(() => _vcenter.GetSnapshotChangeIdsAsync(vm.Id, snapshotId)).FirstOrDefault(d => d.DiskKey == diskKey)?.BackingFile;
    }

    /// <summary>Whether the VM with this BIOS UUID has the snapshot in its snapshot tree (for <c>CdiController.SourceSnapshotExists</c>).</summary>
    public bool SourceSnapshotExists(string vmUuid, string snapshotId) => Vm(vmUuid) is { } vm && SnapshotExists(vm, snapshotId);

    public ValueTask DisposeAsync() => _vcenter.DisposeAsync();

    private bool SnapshotExists(VsphereVm vm, string snapshotId) => Ask(() => _vcenter.GetSnapshotsAsync(vm.Id)).Any(s => s.Id == snapshotId);

    private VsphereVm? Vm(string vmUuid) => Ask(() => _vcenter.GetInventoryAsync()).Vms.FirstOrDefault(v => v.Uuid == vmUuid);

    private bool IsVCenter(string url) => string.Equals(url.TrimEnd('/'), sim.Url.ToString().TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>The fake cluster's controllers ask synchronously; vCenter answers over HTTP, off the caller's context.</summary>
    private static T Ask<T>(Func<Task<T>> call) => Task.Run(call).GetAwaiter().GetResult();
}
