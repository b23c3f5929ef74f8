using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// What the engine asks the target to create for a VM — DataVolumes, the VirtualMachine, the conversion
/// Pod, hook jobs — computed from the plan's context and the source inventory alone, so the engine and
/// the plan's "Target objects" preview build exactly the same specs.
/// </summary>
public static class TargetSpecs
{
    public static Dictionary<string, string> Labels(Guid planId, Guid runId, string vmId) => new()
    {
        ["plan"] = planId.ToString(),
        ["migration"] = runId.ToString(),
        ["vmID"] = vmId,
    };

    /// <summary>One DataVolume per disk; warm ones start with the initial snapshot's checkpoint.</summary>
    public static IReadOnlyList<DataVolumeSpec> DataVolumes(PlanContext context, VsphereInventory inventory, VsphereVm vm, IReadOnlyDictionary<string, string> labels, string? initialSnapshot)
    {
        var (url, thumbprint) = SourceEndpoint(context, inventory, vm);
        var migrationHost = MigrationHost(context, inventory, vm);
        var plan = context.Plan;
        return vm.Disks.Select(disk =>
        {
            var (storageClass, volumeMode, accessMode) = StorageFor(context, inventory, disk);
            var annotations = new Dictionary<string, string> { [DataVolumeAnnotations.BindImmediate] = "true" };
            if (!plan.Warm) annotations["cdi.kubevirt.io/storage.pod.retainAfterCompletion"] = "true";
            annotations[DataVolumeAnnotations.DeleteAfterCompletion] = "false"; // kubev2v/forklift d42511bb2 pkg/controller/plan/kubevirt.go:2830
            if (plan.Warm) annotations[DataVolumeAnnotations.UsePopulator] = "false"; // kubev2v/forklift d42511bb2 pkg/controller/plan/kubevirt.go:2810-2814
            return new DataVolumeSpec
            {
                Namespace = plan.TargetNamespace,
                Name = MigrationNames.DataVolume(plan, vm.Id, disk.Key),
                Labels = labels,
                Annotations = annotations,
                SourceUrl = url,
                Thumbprint = thumbprint,
                VmId = vm.Id,
                VmUuid = vm.Uuid,
                DiskKey = disk.Key,
                BackingFile = DiskNames.BaseVolume(disk.File, plan.Warm),
                StorageClass = storageClass,
                VolumeMode = volumeMode,
                AccessMode = accessMode,
                SizeBytes = disk.CapacityBytes,
                TransferNetwork = plan.TransferNetwork,
                Checkpoints = plan.Warm && initialSnapshot is not null ? [new DataVolumeCheckpoint("", initialSnapshot)] : [],
                SourceProviderId = context.Source.Id,
                SecretName = MigrationNames.VddkSecret(plan, vm.Id),
                MigrationHostId = migrationHost?.Id,
                VddkInitImage = context.Source.VddkInitImage,
            };
        }).ToList();
    }

    public static TargetVmSpec VirtualMachine(PlanContext context, VsphereInventory inventory, VsphereVm vm, IReadOnlyDictionary<string, string> labels) => new()
    {
        Namespace = context.Plan.TargetNamespace,
        Name = MigrationNames.TargetVm(vm.Name),
        CpuSockets = Math.Max(1, vm.CpuCount / Math.Max(1, vm.CoresPerSocket)),
        CpuCores = Math.Max(1, vm.CoresPerSocket),
        MemoryMB = vm.MemoryMB,
        Firmware = vm.Firmware,
        SecureBoot = vm.SecureBoot,
        Nics = NetworkMapping.Nics(context.NetworkMap, inventory.Networks, vm),
        DataVolumes = TargetDiskOrder.Sorted(vm).Select(d => MigrationNames.DataVolume(context.Plan, vm.Id, d.Key)).ToArray(),
        Labels = labels,
        DiskSerials = vm.Disks.ToDictionary(d => MigrationNames.DataVolume(context.Plan, vm.Id, d.Key), d => DiskSerial.For(d.Uuid, vm.Id, d.Key)),
        BootDataVolume = TargetDiskOrder.BootDisk(vm) is { } boot ? MigrationNames.DataVolume(context.Plan, vm.Id, boot.Key) : null,
    };

    public static ConversionPodSpec ConversionPod(PlanContext context, VsphereInventory inventory, VsphereVm vm, IReadOnlyDictionary<string, string> labels) => ConversionPod(context.Plan, vm, labels) with
    {
        SecretName = MigrationNames.VddkSecret(context.Plan, vm.Id),
        Source = ConversionSources.For(context, inventory, vm),
    };

    private static ConversionPodSpec ConversionPod(Plan plan, VsphereVm vm, IReadOnlyDictionary<string, string> labels) => new()
    {
        Namespace = plan.TargetNamespace,
        Name = MigrationNames.ConversionPod(plan, vm.Id),
        VmId = vm.Id,
        GuestId = vm.GuestId,
        TotalDiskBytes = vm.Disks.Sum(d => d.CapacityBytes),
        DataVolumes = vm.Disks.Select(d => MigrationNames.DataVolume(plan, vm.Id, d.Key)).ToArray(),
        Labels = labels,
        VmName = vm.Name,
        CpuCount = Math.Max(1, vm.CpuCount),
        MemoryMB = vm.MemoryMB,
        Firmware = vm.Firmware,
    };

    public static HookJobSpec HookJob(Plan plan, VsphereVm vm, Hook hook, HookStep step, int retries, IReadOnlyDictionary<string, string> labels, VsphereInventory? inventory = null) => new()
    {
        Namespace = plan.TargetNamespace,
        Name = MigrationNames.HookJob(plan, vm.Id, step),
        Image = hook.Image,
        Playbook = hook.Playbook,
        ServiceAccount = hook.ServiceAccount,
        DeadlineSeconds = hook.DeadlineSeconds,
        SshKeySecret = hook.SshKeySecret,
        Retries = retries,
        VmId = vm.Id,
        Labels = labels,
        WorkloadYaml = HookInputs.Workload(vm, inventory),
        PlanYaml = HookInputs.Plan(plan),
    };

    /// <summary>
    /// A Ready migration network for the VM's ESXi host: read from <c>https://&lt;ip&gt;/sdk</c> with the host's
    /// thumbprint; otherwise the provider URL with the pinned vCenter SHA-1 (VDDK needs a thumbprint for a remote connection).
    /// </summary>
    // kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/builder.go: DataVolumes (thumbprint := Provider.Status.Fingerprint), applyHostsConfig.
    public static (string Url, string Thumbprint) SourceEndpoint(PlanContext context, VsphereInventory inventory, VsphereVm vm)
    {
        var host = inventory.FindHost(vm.HostId);
        var migrationHost = MigrationHost(context, inventory, vm);
        return migrationHost is null || host is null
            ? (context.Source.Url, context.Source.PinnedSha1 ?? "")
            : ($"https://{migrationHost.IpAddress}/sdk", host.Thumbprint);
    }

    /// <summary>The Ready migration network of the VM's ESXi host, if it has one: its disks are read through that host, with its ESXi credentials.</summary>
    // kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/builder.go: Secret (the Host's secret when a Host applies), applyHostsConfig.
    public static MigrationNetworkHost? MigrationHost(PlanContext context, VsphereInventory inventory, VsphereVm vm) =>
        MigrationHost(context.Source.Id, context.MigrationHosts, inventory, vm);

    /// <inheritdoc cref="MigrationHost(PlanContext, VsphereInventory, VsphereVm)"/>
    public static MigrationNetworkHost? MigrationHost(Guid sourceProviderId, IEnumerable<MigrationNetworkHost> migrationHosts, VsphereInventory inventory, VsphereVm vm)
    {
        var host = inventory.FindHost(vm.HostId);
        return host is null ? null : migrationHosts.FirstOrDefault(h =>
            h.IsReady && h.ProviderId == sourceProviderId
            && (h.HostRef.Id == host.Id || (h.HostRef.Id is null && h.HostRef.Name == host.Name)));
    }

    public static (string StorageClass, VolumeMode VolumeMode, AccessMode AccessMode) StorageFor(PlanContext context, VsphereInventory inventory, VmDisk disk)
    {
        var datastores = inventory.Datastores;
        var entry = context.StorageMap?.Entries.FirstOrDefault(e =>
            RefResolver.Resolve(e.Source, datastores, d => d.Id, d => d.Name, d => d.Path).Item?.Id == disk.DatastoreId)
            ?? throw new InvalidOperationException($"The storage map has no entry for datastore '{disk.DatastoreId}' of disk {disk.Key}.");
        return (entry.StorageClass, entry.VolumeMode ?? VolumeMode.Filesystem, entry.AccessMode ?? AccessMode.ReadWriteOnce);
    }
}
