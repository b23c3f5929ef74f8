using System.Text.RegularExpressions;

namespace MtvConsole.Core.Validation.Rules;

/// <summary>Rules over the VM's own configuration (reference §8.2 and §8.4).</summary>
internal static partial class VmConfigurationRules
{
    public static IEnumerable<IValidationRule> All() =>
    [
        new Rule("vmware.changed_block_tracking.disabled", ConcernCategory.Warning, "Changed Block Tracking (CBT) not enabled",
            "CBT is off, so this VM can only be migrated cold. For a warm migration, power the VM off, set ctkEnabled = TRUE (and scsiX:Y.ctkEnabled per disk), then power it on again.",
            w => w.ChangeTrackingEnabled == false),
        new Rule("vmware.consolidation_needed", ConcernCategory.Warning, "Snapshot consolidation required",
            "vSphere reports that the VM's disks need consolidation; snapshot-based transfers may read a stale chain. Run Snapshots > Consolidate in vSphere before migrating.",
            w => w.ConsolidationNeeded == true),
        new Rule("vmware.cpu_affinity.detected", ConcernCategory.Warning, "CPU affinity detected",
            "CPU affinity is not carried over; the VM runs on any CPU of its node. If the workload needs pinning, set dedicated CPUs on the KubeVirt VM after migration.",
            w => w.CpuAffinity is { Count: > 0 }),
        new Rule("vmware.cpu_memory.hotplug.enabled", ConcernCategory.Warning, "CPU/Memory hotplug detected",
            "Hot-add/remove settings are not carried over. Check the CPU and memory of the migrated VM and configure hotplug in OpenShift Virtualization if needed.",
            w => w.CpuHotAddEnabled == true || w.CpuHotRemoveEnabled == true || w.MemoryHotAddEnabled == true),
        new Rule("vmware.fault_tolerance.enabled", ConcernCategory.Warning, "Fault tolerance",
            "vSphere Fault Tolerance has no equivalent; the migrated VM runs as a single instance. Plan for application-level redundancy if the VM needs it.",
            w => w.FaultToleranceEnabled == true),
        new Rule("vmware.memory.ballooning.detected", ConcernCategory.Information, "Memory ballooning detected",
            "The balloon driver is reclaiming memory from this VM, so it may need more memory than it uses now. Size the target VM's memory from its configured memory, not its current use.",
            w => w.BalloonedMemory > 0),
        new Rule("vmware.numa_affinity.detected", ConcernCategory.Warning, "NUMA node affinity detected",
            "NUMA node affinity is not carried over. If the workload depends on it, configure a NUMA topology on the KubeVirt VM after migration.",
            w => w.NumaNodeAffinity is { Count: > 0 }),
        new Rule("vmware.tpm.detected", ConcernCategory.Warning, "TPM detected",
            "The virtual TPM and its secrets (for example BitLocker keys) are not migrated. Suspend BitLocker or export what the TPM protects before migrating.",
            w => w.TpmEnabled == true),
        new Rule("vmware.vm.name.invalid", ConcernCategory.Warning, "Invalid VM Name",
            "The name is not a valid Kubernetes name (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters), so the target VM is created under an adjusted name (lowercased, other characters replaced by '-'; the plan's TargetNameNotValid warning names it). Rename the VM in vSphere first to choose the name yourself.",
            w => w.Name is { } name && !IsDnsLabel(name)),
        new Rule("vmware.snapshot.detected", ConcernCategory.Information, "VM snapshot detected",
            "The VM has snapshots; only the current state is migrated, not the snapshot tree. Remove snapshots you do not need before migrating.",
            w => w.Snapshot?.Kind == "VirtualMachineSnapshot"),
        new Rule("vmware.uefi.detected", ConcernCategory.Information, "UEFI detected",
            "The VM boots with UEFI without secure boot; the KubeVirt VM is created with EFI firmware too. NVRAM boot entries are not copied, so check that the guest boots after migration.",
            w => w.Firmware == "efi" && w.SecureBoot != true),
        new Rule("vmware.uefi.secure_boot.detected", ConcernCategory.Warning, "UEFI secure boot detected",
            "The VM uses UEFI secure boot; the KubeVirt VM gets EFI with secure boot, but NVRAM data (enrolled keys, boot entries) is not copied. Make sure the guest is signed by keys the target trusts, or disable secure boot before migrating.",
            w => w.Firmware == "efi" && w.SecureBoot == true),
    ];

    private static bool IsDnsLabel(string name) => name.Length <= 63 && DnsLabel().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
