using System.Text;
using System.Text.Json.Nodes;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.FakeKube;
using MtvConsole.Lab;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// The fake CDI importer against a Lab world's vCenter and ESXi hosts, through the KubeVirt adapter: what the real
/// importer refuses (a missing thumbprint, a wrong account, a missing Secret key, a file the VM does not have) makes it
/// restart with the real message; what it silently gets wrong (a stale file of the snapshot chain) is recorded.
/// </summary>
public sealed class VddkImporterTests : IAsyncLifetime
{
    private const string Ns = "vm-imports";
    private static readonly Dictionary<string, string> Labels = new() { ["plan"] = "p-1", ["migration"] = "m-1", ["vmID"] = "vm-x" };
    private FakeCluster _cluster = null!;
    private LabWorld _world = null!;
    private LabVddkEndpoints _endpoints = null!;
    private readonly FixedCredentials _credentials = new();
    private KubeVirtTargetCluster _adapter = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        _cluster.AddNamespace(Ns);
        _world = new LabWorld(new LabOptions { VmCount = 40 }, _cluster.Time);
        _endpoints = new LabVddkEndpoints(_world, new LabVCenter(_world));
        _cluster.Cdi.Vddk.Endpoints = _endpoints;
        _adapter = FakeClusterFixture.Adapter(_cluster, _credentials);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private VsphereVm Vm(bool snapshot = false) => _world.Inventory.Vsphere.Vms.First(v => (v.Snapshot is not null) == snapshot && v.Disks.Count > 0 && v.Disks[0].CapacityBytes > 0);

    private DataVolumeSpec Dv(VsphereVm vm, string name, int disk = 0) => new()
    {
        Namespace = Ns, Name = name, Labels = Labels, SourceUrl = _world.VCenterUrl, Thumbprint = _world.VCenterThumbprint, VmId = vm.Id, VmUuid = vm.Uuid,
        DiskKey = vm.Disks[disk].Key, BackingFile = vm.Disks[disk].File, StorageClass = FakeClusterFixture.ImmediateClass, SizeBytes = 1 << 30,
        SecretName = "p-vm-x-vddk", VddkInitImage = FakeClusterFixture.VddkImage,
    };

    private async Task<DataVolumeStatus> AfterAsync(string name, TimeSpan time)
    {
        _cluster.Advance(time);
        return (await _adapter.GetDataVolumeAsync(Ns, name))!;
    }

    private string SecretValue(string key) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(_cluster.Store.Get(ResourceTypes.Secret, Ns, "p-vm-x-vddk")!["data"]![key]!.GetValue<string>()));

    [Fact]
    public async Task The_pinned_thumbprint_account_and_current_file_import()
    {
        var vm = Vm();
        await _adapter.CreateDataVolumeAsync(Dv(vm, "good"));

        var status = await AfterAsync("good", TimeSpan.FromMinutes(2));

        Assert.Equal((DataVolumePhase.Succeeded, 0), (status.Phase, status.RestartCount));
        Assert.Equal(vm.Disks[0].File, Assert.Single(_cluster.Cdi.Vddk.Copies(Ns, "good")).File);
    }

    [Theory]
    [InlineData("", "(not specified)")]
    [InlineData("00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33", "(00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33)")]
    public async Task Without_the_endpoints_thumbprint_the_importer_restarts_with_nbdkits_message(string thumbprint, string shown)
    {
        await _adapter.CreateDataVolumeAsync(Dv(Vm(), "no-tp") with { Thumbprint = thumbprint });

        var status = await AfterAsync("no-tp", TimeSpan.FromSeconds(45));

        Assert.Equal(DataVolumePhase.ImportInProgress, status.Phase);
        Assert.True(status.RestartCount >= 3, $"{status.RestartCount} restarts");
        Assert.Contains($"\"thumbprint\" parameter {shown} matches the SHA1 fingerprint", status.Message, StringComparison.Ordinal);
        Assert.Empty(_cluster.Cdi.Vddk.Copies(Ns, "no-tp"));
    }

    [Fact]
    public async Task The_vcenter_account_is_refused_by_an_esxi_host()
    {
        var vm = Vm();
        var host = _world.Inventory.Vsphere.FindHost(vm.HostId)!;
        await _adapter.CreateDataVolumeAsync(Dv(vm, "esxi") with { SourceUrl = $"https://{host.NetworkAdapters[0].IpAddress}/sdk", Thumbprint = host.Thumbprint });

        var status = await AfterAsync("esxi", TimeSpan.FromSeconds(30));

        Assert.True(status.RestartCount > 0);
        Assert.Contains("Cannot complete login due to an incorrect user name or password", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_password_reaches_the_vms_existing_secret()
    {
        var vm = _world.Inventory.Vsphere.Vms.First(v => v.Snapshot is null && v.Disks.Count >= 2);
        await _adapter.CreateDataVolumeAsync(Dv(vm, "disk-1"));
        Assert.Equal(DataVolumePhase.Succeeded, (await AfterAsync("disk-1", TimeSpan.FromMinutes(2))).Phase);

        _endpoints.VCenterAccount = (_credentials.User, "n3w-Passw0rd");
        _credentials.Password = "n3w-Passw0rd";
        await _adapter.CreateDataVolumeAsync(Dv(vm, "disk-2", disk: 1));

        Assert.Equal("n3w-Passw0rd", SecretValue("secretKey"));
        var status = await AfterAsync("disk-2", TimeSpan.FromMinutes(2));
        Assert.Equal((DataVolumePhase.Succeeded, 0), (status.Phase, status.RestartCount));
    }

    [Fact]
    public async Task A_secret_without_the_access_key_leaves_the_importer_waiting_in_create_container_config_error()
    {
        var vm = Vm();
        _cluster.Store.Create(ResourceTypes.Secret, Ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "wrong-keys" },
            ["data"] = new JsonObject { ["user"] = Convert.ToBase64String("administrator@vsphere.local"u8.ToArray()), ["secretKey"] = Convert.ToBase64String("s3cret!"u8.ToArray()) },
        });
        await _adapter.CreateDataVolumeAsync(Dv(vm, "keys"));
        _cluster.Store.Mutate(ResourceTypes.DataVolume, Ns, "keys", dv => dv["spec"]!["source"]!["vddk"]!["secretRef"] = "wrong-keys");

        var status = await AfterAsync("keys", TimeSpan.FromMinutes(2));

        Assert.Equal(DataVolumePhase.ImportScheduled, status.Phase);
        Assert.Contains($"couldn't find key accessKeyId in Secret {Ns}/wrong-keys", status.Message, StringComparison.Ordinal);
        var waiting = _cluster.Store.Get(ResourceTypes.Pod, Ns, "importer-keys")!["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!;
        Assert.Equal("CreateContainerConfigError", waiting["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cold_import_given_the_base_file_of_a_vm_with_snapshots_copies_stale_data_and_a_file_the_vm_lacks_fails()
    {
        var vm = Vm(snapshot: true);
        await _adapter.CreateDataVolumeAsync(Dv(vm, "stale") with { BackingFile = DiskNames.TrimSnapshotSuffix(vm.Disks[0].File) });
        await _adapter.CreateDataVolumeAsync(Dv(vm, "missing") with { BackingFile = "[nowhere] other/other.vmdk" });

        Assert.Equal(DataVolumePhase.Succeeded, (await AfterAsync("stale", TimeSpan.FromMinutes(2))).Phase);
        var copy = Assert.Single(_cluster.Cdi.Vddk.Copies(Ns, "stale"));
        Assert.Equal((DiskNames.TrimSnapshotSuffix(vm.Disks[0].File), false), (copy.File, copy.CurrentFile));

        var missing = (await _adapter.GetDataVolumeAsync(Ns, "missing"))!;
        Assert.True(missing.RestartCount > 0);
        Assert.Contains("disk '[nowhere] other/other.vmdk' is not present in VM hardware config or snapshot list", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warm_stage_reads_the_disk_of_its_checkpoints_snapshot_and_an_unknown_snapshot_fails()
    {
        var vm = Vm();
        var vcenter = new LabVCenter(_world);
        var task = await vcenter.CreateSnapshotAsync(vm.Id, "precopy-1", "");
        _cluster.Advance(TimeSpan.FromMinutes(1));
        var snapshot = (await vcenter.GetTaskAsync(task)).Result!;
        var frozen = (await vcenter.GetSnapshotChangeIdsAsync(vm.Id, snapshot)).Single(d => d.DiskKey == vm.Disks[0].Key).BackingFile;
        await _adapter.CreateDataVolumeAsync(Dv(vm, "warm") with { Checkpoints = [new DataVolumeCheckpoint("", snapshot)] });
        await _adapter.CreateDataVolumeAsync(Dv(vm, "gone") with { Checkpoints = [new DataVolumeCheckpoint("", "snapshot-999999")] });

        Assert.Equal(DataVolumePhase.Paused, (await AfterAsync("warm", TimeSpan.FromMinutes(2))).Phase);
        Assert.Equal((frozen, snapshot), (Assert.Single(_cluster.Cdi.Vddk.Copies(Ns, "warm")).File, Assert.Single(_cluster.Cdi.Vddk.Copies(Ns, "warm")).Snapshot));
        Assert.Contains("Could not find current snapshot snapshot-999999", (await _adapter.GetDataVolumeAsync(Ns, "gone"))!.Message, StringComparison.Ordinal);
    }
}
