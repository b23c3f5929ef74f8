using MtvConsole.Core.Validation;

namespace MtvConsole.Core.Tests.Validation;

/// <summary>Where this console does better than upstream (reference §8.2 dead rules and gaps).</summary>
public sealed class FixedDefectsTests
{
    [Fact]
    public void Dpm_and_host_affinity_fire_from_inventory_collected_cluster_data()
    {
        var concerns = Check.Concerns("{'name':'db01','id':'vm-7','host':{'cluster':{'dpmEnabled':true,'hostAffinityVms':[{'kind':'VM','id':'vm-7'}]}}}");

        Assert.Equal(["vmware.dpm.enabled", "vmware.host_affinity.detected"], concerns.Select(c => c.Id).Order());
    }

    [Fact]
    public void Uefi_without_secure_boot_is_information_and_secure_boot_a_warning_never_critical()
    {
        var plain = Assert.Single(Check.Concerns("{'name':'test','firmware':'efi','secureBoot':false}"));
        var secure = Assert.Single(Check.Concerns("{'name':'test','firmware':'efi','secureBoot':true}"));

        Assert.Equal(("vmware.uefi.detected", ConcernCategory.Information), (plain.Id, plain.Category));
        Assert.Equal(("vmware.uefi.secure_boot.detected", ConcernCategory.Warning), (secure.Id, secure.Category));
    }

    [Fact]
    public void Scsi_passthrough_is_caught_like_pci_passthrough()
    {
        var concern = Assert.Single(Check.Concerns("{'name':'test','devices':[{'kind':'VirtualSCSIPassthrough'}]}"));

        Assert.Equal(("vmware.passthrough_device.detected", ConcernCategory.Critical), (concern.Id, concern.Category));
    }

    [Fact]
    public void Rdm_stays_critical_because_the_engine_cannot_copy_it()
    {
        Assert.Equal(ConcernCategory.Critical, Assert.Single(Check.Concerns("{'name':'test','disks':[{'rdm':true}]}")).Category);
    }

    [Fact]
    public void Warm_plans_raise_cbt_snapshot_and_consolidation_concerns()
    {
        var workload = Check.Parse("{'name':'test','changeTrackingEnabled':true,'disks':[{'changeTrackingEnabled':false}],'consolidationNeeded':true,'snapshot':{'kind':'VirtualMachineSnapshot','id':'snapshot-1'}}");

        var cold = Check.Concerns(workload).Select(c => c.Id).ToList();
        var warm = Check.Concerns(workload with { InWarmPlan = true }).Select(c => c.Id).ToList();

        Assert.DoesNotContain(cold, id => id.StartsWith("console.warm.", StringComparison.Ordinal));
        Assert.Equal(["console.warm.cbt.disabled", "console.warm.consolidation.needed", "console.warm.snapshot.present"],
            warm.Where(id => id.StartsWith("console.warm.", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void A_warm_vm_with_cbt_everywhere_and_no_snapshot_has_no_warm_concerns()
    {
        var workload = Check.Parse("{'name':'test','changeTrackingEnabled':true,'disks':[{'changeTrackingEnabled':true}],'consolidationNeeded':false,'snapshot':{'kind':'','id':''}}");

        Assert.Empty(Check.Concerns(workload with { InWarmPlan = true }));
    }

    [Fact]
    public void A_warm_vm_without_the_cbt_snapshot_and_consolidation_fields_raises_nothing()
    {
        Assert.Empty(Check.Concerns(Check.Parse("{'name':'test'}") with { InWarmPlan = true }));
    }

    [Fact]
    public void Every_rule_has_an_id_label_and_an_assessment_and_ids_are_unique()
    {
        var rules = RuleSet.BuiltIn.Rules;

        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
        Assert.All(rules, r => Assert.True(r.Label.Length > 0 && r.Assessment.Length > 40, r.Id));
    }
}
