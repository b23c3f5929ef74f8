using System.Text.RegularExpressions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.FakeKube.Vddk;
using MtvConsole.Lab;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// The Lab world as the fake CDI importer reaches it: the vCenter at <see cref="LabWorld.VCenterUrl"/> with the Lab's
/// vCenter thumbprint and account, and every ESXi host at each of its adapters' addresses with the host's inventory
/// thumbprint and the ESXi account, serving only its own VMs. A disk's snapshot chain runs from its base file to its
/// current file (<c>vm-000002.vmdk</c>: <c>vm.vmdk</c>, <c>vm-000001.vmdk</c>, <c>vm-000002.vmdk</c>); a snapshot's
/// files are the Lab vCenter's.
/// </summary>
internal sealed partial class LabVddkEndpoints(LabWorld world, LabVCenter vcenter) : IVddkEndpoints
{
    /// <summary>The account the vCenter accepts (the default of <see cref="FixedCredentials"/>).</summary>
    public (string User, string Password) VCenterAccount { get; set; } = ("administrator@vsphere.local", "s3cret!");

    /// <summary>The account every ESXi host accepts.</summary>
    public (string User, string Password) EsxiAccount { get; set; } = ("root", "esx-R00t!");

    [GeneratedRegex(@"-(\d{6})\.vmdk$")]
    private static partial Regex DeltaSuffix();

    private VsphereInventory Inventory => world.Inventory.Vsphere;

    public string? Thumbprint(string url) => IsVCenter(url) ? world.VCenterThumbprint : Host(url)?.Thumbprint;

    public bool Accepts(string url, string user, string password)
    {
        if (!IsVCenter(url) && Host(url) is null) return false;
        var account = IsVCenter(url) ? VCenterAccount : EsxiAccount;
        return account.User == user && account.Password == password;
    }

    public bool HasVm(string url, string vmUuid) => Vm(url, vmUuid) is not null;

    public VddkDisk? FindDisk(string url, string vmUuid, string backingFile) =>
        Vm(url, vmUuid)?.Disks.Where(d => Chain(d.File).Contains(backingFile)).Select(d => new VddkDisk(d.Key, d.File)).FirstOrDefault();

    public string? SnapshotFile(string url, string vmUuid, int diskKey, string snapshotId)
    {
        if (Vm(url, vmUuid) is not { } vm) return null;
        try
        {
            var disks = vcenter.GetSnapshotChangeIdsAsync(vm.Id, snapshotId).GetAwaiter().GetResult();
            return disks.FirstOrDefault(d => d.DiskKey == diskKey)?.BackingFile;
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The files of a disk's snapshot chain, base first, current last.</summary>
    private static List<string> Chain(string currentFile)
    {
        var match = DeltaSuffix().Match(currentFile);
        if (!match.Success) return [currentFile];
        var depth = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var baseFile = DiskNames.TrimSnapshotSuffix(currentFile);
        return [baseFile, .. Enumerable.Range(1, depth).Select(n => baseFile.Replace(".vmdk", $"-{n:000000}.vmdk", StringComparison.Ordinal))];
    }

    private VsphereVm? Vm(string url, string vmUuid)
    {
        var vm = Inventory.Vms.FirstOrDefault(v => v.Uuid == vmUuid);
        if (vm is null) return null;
        if (IsVCenter(url)) return vm;
        return Host(url) is { } host && host.Id == vm.HostId ? vm : null;
    }

    private bool IsVCenter(string url) => string.Equals(url.TrimEnd('/'), world.VCenterUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private EsxiHost? Host(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? Inventory.Hosts.FirstOrDefault(h => h.NetworkAdapters.Any(a => a.IpAddress == uri.Host))
            : null;
}
