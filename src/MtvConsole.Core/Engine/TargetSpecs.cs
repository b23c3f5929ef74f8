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
        var plan = context.Plan;
        return vm.Disks.Select(disk =>
        {
            var (storageClass, volumeMode, accessMode) = StorageFor(context, inventory, disk);
            var annotations = new Dictionary<string, string> { [DataVolumeAnnotations.BindImmediate] = "true" };
            if (!plan.Warm) annotations["cdi.kubevirt.io/storage.pod.retainAfterCompletion"] = "true";
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
                BackingFile = DiskNames.TrimSnapshotSuffix(disk.File),
                StorageClass = storageClass,
                VolumeMode = volumeMode,
                AccessMode = accessMode,
                SizeBytes = disk.CapacityBytes,
                TransferNetwork = plan.TransferNetwork,
                Checkpoints = plan.Warm && initialSnapshot is not null ? [new DataVolumeCheckpoint("", initialSnapshot)] : [],
                SourceProviderId = context.Source.Id,
                SecretName = MigrationNames.VddkSecret(plan, vm.Id),
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
        DataVolumes = vm.Disks.Select(d => MigrationNames.DataVolume(context.Plan, vm.Id, d.Key)).ToArray(),
        Labels = labels,
    };

    public static ConversionPodSpec ConversionPod(Plan plan, VsphereVm vm, IReadOnlyDictionary<string, string> labels) => new()
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

    public static HookJobSpec HookJob(Plan plan, VsphereVm vm, Hook hook, HookStep step, int retries, IReadOnlyDictionary<string, string> labels) => new()
    {
        Namespace = plan.TargetNamespace,
        Name = MigrationNames.HookJob(plan, vm.Id, step),
        Image = hook.Image,
        Playbook = hook.Playbook,
        ServiceAccount = hook.ServiceAccount,
        DeadlineSeconds = hook.DeadlineSeconds,
        Retries = retries,
        VmId = vm.Id,
        Labels = labels,
        WorkloadYaml = HookInputs.Workload(vm),
        PlanYaml = HookInputs.Plan(plan),
    };

    /// <summary>A Ready migration network for the VM's ESXi host: read from <c>https://&lt;ip&gt;/sdk</c>; otherwise the provider URL.</summary>
    public static (string Url, string Thumbprint) SourceEndpoint(PlanContext context, VsphereInventory inventory, VsphereVm vm)
    {
        var host = inventory.FindHost(vm.HostId);
        var migrationHost = context.MigrationHosts.FirstOrDefault(h =>
            h.IsReady && h.ProviderId == context.Source.Id && host is not null
            && (h.HostRef.Id == host.Id || (h.HostRef.Id is null && h.HostRef.Name == host.Name)));
        return migrationHost is null || host is null
            ? (context.Source.Url, "")
            : ($"https://{migrationHost.IpAddress}/sdk", host.Thumbprint);
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
