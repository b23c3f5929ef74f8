using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.Tests.Contracts;

/// <summary>
/// Behaviour every <see cref="ITargetCluster"/> (the Lab's and the real OpenShift adapter) must show.
/// Subclasses provide the cluster, fixtures and a way to let time pass.
/// </summary>
public abstract class TargetClusterContract
{
    protected abstract ITargetCluster Cluster { get; }

    /// <summary>An existing VM with at least one MAC, whose name and MAC new VMs must not reuse.</summary>
    protected abstract TargetVm ExistingVm { get; }

    /// <summary>A storage class with immediate binding.</summary>
    protected abstract string StorageClass { get; }

    protected abstract TargetDiskFixture Disk { get; }

    /// <summary>A storage class with WaitForFirstConsumer binding.</summary>
    protected abstract string WaitForFirstConsumerStorageClass { get; }

    protected abstract Task LetTimePassAsync(TimeSpan duration);

    protected virtual TimeSpan MaxWait => TimeSpan.FromHours(2);

    protected virtual TimeSpan PollStep => TimeSpan.FromSeconds(5);

    protected string Namespace { get; } = "contract-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task EnsureNamespace_creates_the_namespace_once()
    {
        await Cluster.EnsureNamespaceAsync(Namespace);
        await Cluster.EnsureNamespaceAsync(Namespace);

        var inventory = await Cluster.GetInventoryAsync();
        Assert.Single(inventory.Namespaces, n => n.Name == Namespace);
    }

    [Fact]
    public async Task Inventory_lists_storage_classes_and_existing_vms()
    {
        var inventory = await Cluster.GetInventoryAsync();

        Assert.Contains(inventory.StorageClasses, s => s.Name == StorageClass);
        Assert.Contains(inventory.Vms, v => v.Namespace == ExistingVm.Namespace && v.Name == ExistingVm.Name);
    }

    [Fact]
    public async Task Virtual_machine_can_be_created_started_and_deleted()
    {
        await Cluster.EnsureNamespaceAsync(Namespace);
        await Cluster.CreateVirtualMachineAsync(VmSpec("contract-vm", "02:00:00:aa:bb:01"));

        var created = await Cluster.GetVirtualMachineAsync(Namespace, "contract-vm");
        Assert.NotNull(created);
        Assert.False(created.Running);

        await Cluster.StartVirtualMachineAsync(Namespace, "contract-vm");
        Assert.True((await Cluster.GetVirtualMachineAsync(Namespace, "contract-vm"))!.Running);

        await Cluster.DeleteVirtualMachineAsync(Namespace, "contract-vm");
        Assert.Null(await Cluster.GetVirtualMachineAsync(Namespace, "contract-vm"));
    }

    [Fact]
    public async Task Virtual_machine_with_a_taken_name_is_rejected()
    {
        var spec = VmSpec(ExistingVm.Name, "02:00:00:aa:bb:02") with { Namespace = ExistingVm.Namespace };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Cluster.CreateVirtualMachineAsync(spec));
        Assert.Contains(ExistingVm.Name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Virtual_machine_with_a_taken_mac_is_rejected()
    {
        await Cluster.EnsureNamespaceAsync(Namespace);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Cluster.CreateVirtualMachineAsync(VmSpec("mac-clash", ExistingVm.Macs[0])));
        Assert.Contains(ExistingVm.Macs[0], error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Virtual_machine_with_two_interfaces_on_the_pod_network_is_rejected()
    {
        await Cluster.EnsureNamespaceAsync(Namespace);
        var spec = VmSpec("two-pod-nics", "02:00:00:aa:bb:03") with
        {
            Nics = [new TargetVmNic("net-0", "pod", null, "02:00:00:aa:bb:03"), new TargetVmNic("net-1", "pod", null, "02:00:00:aa:bb:04")],
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Cluster.CreateVirtualMachineAsync(spec));
        Assert.Contains("more than one interface is connected to a pod network", error.Message, StringComparison.Ordinal);
        Assert.Null(await Cluster.GetVirtualMachineAsync(Namespace, "two-pod-nics"));
    }

    [Fact]
    public async Task Virtual_machine_with_a_disk_serial_libvirt_cannot_take_is_rejected()
    {
        await Cluster.EnsureNamespaceAsync(Namespace);
        var spec = VmSpec("bad-serial", "02:00:00:aa:bb:05") with
        {
            DataVolumes = ["bad-serial-disk"],
            DiskSerials = new Dictionary<string, string> { ["bad-serial-disk"] = "{6000C29a 1b2c}" },
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Cluster.CreateVirtualMachineAsync(spec));
        Assert.Contains("[A-Za-z0-9_.+-]", error.Message, StringComparison.Ordinal);
        Assert.Null(await Cluster.GetVirtualMachineAsync(Namespace, "bad-serial"));
    }

    [Fact]
    public async Task Cold_data_volume_imports_to_success()
    {
        await Cluster.EnsureNamespaceAsync(Namespace);
        await Cluster.CreateDataVolumeAsync(DvSpec("cold-disk", StorageClass));

        var status = await WaitAsync(
            () => Cluster.GetDataVolumeAsync(Namespace, "cold-disk"),
            s => s!.Phase is DataVolumePhase.Succeeded or DataVolumePhase.Failed);

        Assert.Equal(DataVolumePhase.Succeeded, status!.Phase);
        Assert.Equal(100, status.ProgressPercent);
        Assert.True(status.BytesTransferred > 0);
    }

    // VDDK checks the server certificate against the thumbprint and needs one for a remote connection, so an import
    // without the source's thumbprint never copies: the importer restarts (or the import fails) naming the thumbprint.
    // libguestfs/nbdkit plugins/vddk/vddk.c (VixDiskLib_Open) and nbdkit-vddk-plugin.pod "THUMBPRINTS";
    // kubevirt/containerized-data-importer c07cdb6fb pkg/image/nbdkit.go (thumbprint= only when non-empty).
    [Theory]
    [InlineData("")]
    [InlineData("00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33")]
    public async Task Data_volume_without_the_source_thumbprint_does_not_import(string thumbprint)
    {
        await Cluster.EnsureNamespaceAsync(Namespace);
        await Cluster.CreateDataVolumeAsync(DvSpec("no-thumbprint", StorageClass) with { Thumbprint = thumbprint });

        var status = await WaitAsync(
            () => Cluster.GetDataVolumeAsync(Namespace, "no-thumbprint"),
            s => s!.Phase is DataVolumePhase.Succeeded or DataVolumePhase.Failed || s.RestartCount > 0);

        Assert.NotEqual(DataVolumePhase.Succeeded, status!.Phase);
        Assert.Contains("thumbprint", status.Message, StringComparison.Ordinal);
        Assert.Equal(0, status.BytesTransferred);
    }

    [Fact]
    public async Task Bind_immediate_annotation_imports_on_a_wait_for_first_consumer_class_without_a_vm()
    {
        await Cluster.EnsureNamespaceAsync(Namespace);
        await Cluster.CreateDataVolumeAsync(DvSpec("wffc-disk", WaitForFirstConsumerStorageClass) with
        {
            Annotations = new Dictionary<string, string> { [DataVolumeAnnotations.BindImmediate] = "true" },
        });

        var status = await WaitAsync(
            () => Cluster.GetDataVolumeAsync(Namespace, "wffc-disk"),
            s => s!.Phase is DataVolumePhase.Succeeded or DataVolumePhase.Failed);

        Assert.Equal(DataVolumePhase.Succeeded, status!.Phase);
    }

    [Fact]
    public async Task Data_volume_with_an_unknown_storage_class_fails_with_a_message()
    {
        await Cluster.EnsureNamespaceAsync(Namespace);
        await Cluster.CreateDataVolumeAsync(DvSpec("bad-class", "no-such-class"));

        var status = await WaitAsync(
            () => Cluster.GetDataVolumeAsync(Namespace, "bad-class"),
            s => s!.Phase is DataVolumePhase.Failed or DataVolumePhase.Succeeded);

        Assert.Equal(DataVolumePhase.Failed, status!.Phase);
        Assert.Contains("no-such-class", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleted_data_volume_is_gone()
    {
        await Cluster.EnsureNamespaceAsync(Namespace);
        await Cluster.CreateDataVolumeAsync(DvSpec("to-delete", StorageClass));

        await Cluster.DeleteDataVolumeAsync(Namespace, "to-delete");

        Assert.Null(await Cluster.GetDataVolumeAsync(Namespace, "to-delete"));
    }

    [Fact]
    public async Task Conversion_pod_runs_to_success()
    {
        await Cluster.EnsureNamespaceAsync(Namespace);
        var labels = new Dictionary<string, string> { ["plan"] = "contract-plan", ["migration"] = "contract-run", ["vmID"] = Disk.VmId };
        await Cluster.CreateDataVolumeAsync(DvSpec("convert-disk", StorageClass) with { SecretName = "convert-vddk", Labels = labels });
        await Cluster.CreateConversionPodAsync(new ConversionPodSpec
        {
            Namespace = Namespace, Name = "convert", VmId = Disk.VmId, VmName = "contract-vm", GuestId = "rhel9_64Guest", TotalDiskBytes = Disk.CapacityBytes,
            DataVolumes = ["convert-disk"], SecretName = "convert-vddk", Labels = labels,
            Source = new ConversionSource(ConversionSource.Vpx, new Uri(Disk.SourceUrl).Authority, "/DC0/DC0_C0/DC0_C0_H0", Disk.Thumbprint, "administrator@vsphere.local"),
        });

        var status = await WaitAsync(() => Cluster.GetPodAsync(Namespace, "convert"), s => s!.Phase is PodPhase.Succeeded or PodPhase.Failed);

        Assert.Equal(PodPhase.Succeeded, status!.Phase);
        await Cluster.DeletePodAsync(Namespace, "convert");
        Assert.Null(await Cluster.GetPodAsync(Namespace, "convert"));
    }

    protected TargetVmSpec VmSpec(string name, string mac) => new()
    {
        Namespace = Namespace,
        Name = name,
        Nics = [new TargetVmNic("net-0", "pod", null, mac)],
    };

    protected DataVolumeSpec DvSpec(string name, string storageClass) => new()
    {
        Namespace = Namespace,
        Name = name,
        SourceUrl = Disk.SourceUrl,
        Thumbprint = Disk.Thumbprint,
        VmId = Disk.VmId,
        VmUuid = Disk.VmUuid,
        DiskKey = Disk.DiskKey,
        BackingFile = Disk.BackingFile,
        StorageClass = storageClass,
        SizeBytes = Disk.CapacityBytes,
        VddkInitImage = VddkImage,
    };

    /// <summary>A VDDK init image the target can pull (the source provider's).</summary>
    protected virtual string VddkImage => "registry.example.com/vddk:8.0.3";

    protected Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done) =>
        ContractWaits.UntilAsync(read, done, LetTimePassAsync, MaxWait, PollStep);
}
