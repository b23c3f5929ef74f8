namespace MtvConsole.Core.Validation.Rules;

/// <summary>Rules over the VM's cluster (HA, DRS, DPM, VM-Host affinity).</summary>
internal static class ClusterRules
{
    public static IEnumerable<IValidationRule> All() =>
    [
        new Rule("vmware.dpm.enabled", ConcernCategory.Information, "vSphere DPM detected",
            "The VM's cluster uses Distributed Power Management, which has no equivalent; target nodes stay powered on. Nothing to fix for the migration.",
            w => w.Host?.Cluster?.DpmEnabled == true),
        new Rule("vmware.drs.enabled", ConcernCategory.Information, "VM running in a DRS-enabled cluster",
            "DRS placement rules are not migrated; OpenShift schedules and live-migrates the VM itself. Recreate hard placement needs as node affinity.",
            w => w.Host?.Cluster?.DrsEnabled == true),
        new Rule("vmware.ha.enabled", ConcernCategory.Information, "VM running in HA-enabled cluster",
            "vSphere HA settings (restart priority, isolation response) are not migrated; OpenShift Virtualization restarts the VM on another node when its node fails (run strategy Always). Nothing to fix; after migration, set the VM's run strategy if it should not restart.",
            w => w.Host?.Cluster?.DasEnabled == true),
        new Rule("vmware.host_affinity.detected", ConcernCategory.Warning, "VM-Host affinity detected",
            "The VM is bound to certain hosts by a VM-Host affinity rule, which is not migrated. Recreate it as node affinity on the KubeVirt VM if the placement matters (licensing, hardware).",
            w => InAffinityRule(w)),
    ];

    private static bool InAffinityRule(Workload w)
    {
        if (w.Id is null || w.Host?.Cluster?.HostAffinityVms is not { } vms) return false;
        foreach (var vm in vms)
            if (vm.Id == w.Id) return true;
        return false;
    }
}
