namespace MtvConsole.Core.Validation.Rules;

/// <summary>
/// This console's own rules for VMs in warm plans: what makes precopies fail or copy the wrong data.
/// Upstream raises nothing specific to warm plans.
/// </summary>
internal static class WarmPlanRules
{
    public static IEnumerable<IValidationRule> All() =>
    [
        new Rule("console.warm.cbt.disabled", ConcernCategory.Critical, "Warm plan without Changed Block Tracking",
            "The VM is in a warm plan but CBT is off for the VM or one of its disks, so precopies cannot find changed blocks. Enable CBT (ctkEnabled and scsiX:Y.ctkEnabled) with the VM powered off, or move the VM to a cold plan.",
            w => w.InWarmPlan && (w.ChangeTrackingEnabled == false || Lists.Any(w.Disks, d => d.ChangeTrackingEnabled == false))),
        new Rule("console.warm.snapshot.present", ConcernCategory.Warning, "Warm plan with a pre-existing snapshot",
            "The VM is in a warm plan and already has a snapshot; precopy snapshots stack on it and the chain grows with each precopy. Delete old snapshots before starting.",
            w => w.InWarmPlan && w.Snapshot?.Kind == "VirtualMachineSnapshot"),
        new Rule("console.warm.consolidation.needed", ConcernCategory.Critical, "Warm plan with disks needing consolidation",
            "The VM is in a warm plan and vSphere reports its disks need consolidation; precopy snapshots may fail or copy a stale chain. Run Snapshots > Consolidate in vSphere before starting.",
            w => w.InWarmPlan && w.ConsolidationNeeded == true),
    ];
}
