namespace MtvConsole.Core.Validation.Rules;

/// <summary>Rules over the VM's virtual disks.</summary>
internal static class DiskRules
{
    public const int DiskLimit = 165;

    public static IEnumerable<IValidationRule> All() =>
    [
        new ItemRule<WorkloadDisk>("vmware.changed_block_tracking.disk.disabled", ConcernCategory.Warning, "Disk does not have CBT enabled",
            "This disk has CBT off, so warm migration cannot copy its changes. Set scsiX:Y.ctkEnabled = TRUE for the disk with the VM powered off.",
            w => w.Disks, (_, d) => d.ChangeTrackingEnabled == false, d => $"Disk - {d.Bus}{ControllerIndex(d)}:{d.UnitNumber} does not have CBT enabled"),
        new Rule("vmware.datastore.missing", ConcernCategory.Critical, "Disk is not located on a datastore",
            "A disk has no datastore, so it cannot be mapped to a storage class or copied. Move the disk to a datastore (Storage vMotion) before migrating.",
            w => Lists.Any(w.Disks, d => d.Datastore?.Id == "")),
        new ItemRule<int>("vmware.disk.count.exceeds.limit", ConcernCategory.Warning, $"VM exceeds the limit of {DiskLimit} disks",
            $"A KubeVirt VM can attach at most {DiskLimit} disks. Consolidate or detach disks before migrating.",
            w => w.Disks is { Count: > DiskLimit } disks ? [disks.Count] : null, (_, _) => true, count => $"VM has {count} disks, which exceeds the limit of {DiskLimit}"),
        new Rule("vmware.disk_mode.independent", ConcernCategory.Warning, "Independent disk detected",
            "Independent disks are excluded from snapshots, so warm migration cannot track their changes and they are copied as of cutover only. Switch them to dependent mode, or migrate cold.",
            w => Lists.Any(w.Disks, d => d.Mode is "independent_persistent" or "independent_nonpersistent")),
        new Rule("vmware.disk_serial.truncated", ConcernCategory.Information, "Disk serial numbers may be truncated",
            "With disk.EnableUUID, SCSI disk serials are longer than KubeVirt keeps; software that identifies disks by serial may see different values. Check such references after migration.",
            w => w.DiskEnableUuid == true && Lists.Any(w.Disks, d => d.Bus == "scsi")),
        new ItemRule<WorkloadDisk>("vmware.disk.capacity.invalid", ConcernCategory.Critical, "Disk has an invalid capacity",
            "vSphere reports a zero or negative capacity for this disk, so no target volume can be sized. Fix or remove the disk in vSphere (check its backing file) before migrating.",
            w => w.Disks, (_, d) => d.Capacity <= 0, d => $"Disk '{d.File}' has an invalid capacity of {d.Capacity} bytes"),
        new Rule("vmware.disk.rdm.detected", ConcernCategory.Critical, "Raw Device Mapped disk detected",
            "This console cannot copy Raw Device Mapped disks. Convert the RDM to a virtual disk (Storage vMotion with a format change) or detach it before migrating.",
            w => Lists.Any(w.Disks, d => d.Rdm == true)),
        new Rule("vmware.disk.shared.detected", ConcernCategory.Warning, "Shared disk detected",
            "A shared (multi-writer) disk is copied once per VM unless the target storage supports ReadWriteMany block volumes. Migrate the VMs sharing it together onto such storage, or unshare the disk.",
            w => Lists.Any(w.Disks, d => d.Shared == true)),
    ];

    private static int? ControllerIndex(WorkloadDisk d) => d.ControllerKey is { } key ? key - key / 100 * 100 : null;
}
