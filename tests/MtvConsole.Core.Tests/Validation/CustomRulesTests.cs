using MtvConsole.Core.Validation;
using MtvConsole.Core.Validation.Custom;

namespace MtvConsole.Core.Tests.Validation;

public sealed class CustomRulesTests
{
    private const string Valid = """
        rules:
          - id: custom.memory.large
            category: Warning
            label: Large memory
            assessment: More than 64 GiB of memory; check that a target node has room.
            when:
              field: memoryMB
              greater: 65536
          - id: custom.prod.independent
            category: Critical
            label: Independent disk in production
            assessment: Production VMs must not have independent disks.
            when:
              all:
                - field: host.cluster.name
                  matches: "^prod-"
                - field: disks
                  anyItem:
                    field: mode
                    contains: independent
          - id: custom.no.tools.name
            category: Information
            label: No guest name from VMware Tools
            assessment: Install VMware Tools.
            when:
              any:
                - field: guestNameFromVmwareTools
                  exists: false
                - field: guestNameFromVmwareTools
                  equals: ""
        """;

    private static RuleSet WithCustom(CustomRulesFile file) => new(7, [.. RuleSet.BuiltIn.Rules, .. file.Rules]);

    [Fact]
    public void A_valid_file_loads_every_rule_and_they_fire_on_their_fields()
    {
        var file = CustomRulesParser.Parse(Valid, RuleSet.BuiltIn.Rules.Select(r => r.Id));
        Assert.Empty(file.Errors);
        Assert.Equal(3, file.Rules.Count);

        var rules = WithCustom(file);
        var hit = Check.Parse("{'name':'test','memoryMB':131072,'guestNameFromVmwareTools':'','host':{'cluster':{'name':'prod-a'}},'disks':[{'mode':'persistent'},{'mode':'independent_persistent'}]}");
        var miss = Check.Parse("{'name':'test','memoryMB':4096,'guestNameFromVmwareTools':'Red Hat Enterprise Linux 9 (64-bit)','host':{'cluster':{'name':'dev-a'}},'disks':[{'mode':'independent_persistent'}]}");

        Assert.Equal(["custom.memory.large", "custom.no.tools.name", "custom.prod.independent", "vmware.disk_mode.independent"],
            rules.Evaluate(hit).Concerns.Select(c => c.Id).Order());
        Assert.Equal(["vmware.disk_mode.independent"], rules.Evaluate(miss).Concerns.Select(c => c.Id));
    }

    [Fact]
    public void Absent_fields_do_not_fire_comparisons()
    {
        var rules = WithCustom(CustomRulesParser.Parse(Valid, []));

        Assert.Equal(["custom.no.tools.name"], rules.Evaluate(Check.Parse("{'name':'test'}")).Concerns.Select(c => c.Id));
    }

    [Fact]
    public void All_items_and_not_and_not_equals_work_over_lists()
    {
        const string yaml = """
            rules:
              - id: custom.all.thin
                category: Information
                label: All disks on datastore-1
                assessment: Nothing to do.
                when:
                  field: disks
                  allItems:
                    field: datastore.id
                    equals: datastore-1
              - id: custom.not.bios
                category: Information
                label: Not BIOS
                assessment: Nothing to do.
                when:
                  not:
                    field: firmware
                    notEquals: efi
            """;
        var rules = WithCustom(CustomRulesParser.Parse(yaml, []));

        var all = Check.Parse("{'name':'test','firmware':'efi','secureBoot':true,'disks':[{'datastore':{'id':'datastore-1'}},{'datastore':{'id':'datastore-1'}}]}");
        var some = Check.Parse("{'name':'test','firmware':'bios','disks':[{'datastore':{'id':'datastore-1'}},{'datastore':{'id':'datastore-2'}}]}");

        Assert.Contains("custom.all.thin", rules.Evaluate(all).Concerns.Select(c => c.Id));
        Assert.Contains("custom.not.bios", rules.Evaluate(all).Concerns.Select(c => c.Id));
        Assert.DoesNotContain(rules.Evaluate(some).Concerns, c => c.Id.StartsWith("custom.", StringComparison.Ordinal));
    }

    [Fact]
    public void Less_contains_over_lists_and_equals_on_numbers_and_booleans_compare_json_values()
    {
        const string yaml = """
            rules:
              - id: custom.small
                category: Information
                label: Fewer than 2 CPUs
                assessment: Give the VM more CPUs on the target.
                when: { field: cpuCount, less: 2 }
              - id: custom.pinned.cpu2
                category: Warning
                label: Pinned to CPU 2
                assessment: Remove the pinning.
                when: { field: cpuAffinity, contains: 2 }
              - id: custom.dpm.cluster
                category: Information
                label: DPM cluster
                assessment: Nothing to do.
                when: { field: host.cluster.dpmEnabled, equals: true }
              - id: custom.memory.exact
                category: Information
                label: 4 GiB
                assessment: Nothing to do.
                when: { field: memoryMB, equals: 4096 }
            """;
        var file = CustomRulesParser.Parse(yaml, []);
        Assert.Empty(file.Errors);
        var rules = WithCustom(file);

        var hit = Check.Parse("{'name':'test','cpuCount':1,'cpuAffinity':[0,2],'memoryMB':4096,'host':{'cluster':{'dpmEnabled':true}}}");
        var miss = Check.Parse("{'name':'test','cpuCount':2,'cpuAffinity':[0,1],'memoryMB':4097,'host':{'cluster':{'dpmEnabled':false}}}");

        Assert.Equal(["custom.dpm.cluster", "custom.memory.exact", "custom.pinned.cpu2", "custom.small"],
            rules.Evaluate(hit).Concerns.Select(c => c.Id).Where(id => id.StartsWith("custom.", StringComparison.Ordinal)).Order());
        Assert.DoesNotContain(rules.Evaluate(miss).Concerns, c => c.Id.StartsWith("custom.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_rule_is_reported_with_its_id_and_line_and_the_good_rules_still_load()
    {
        const string yaml = """
            rules:
              - id: custom.good
                category: Warning
                label: Good
                assessment: Fine.
                when:
                  field: cpuCount
                  greater: 32
              - id: custom.bad
                category: Warning
                label: Bad
                assessment: Uses an unknown operator.
                when:
                  field: cpuCount
                  bigger: 32
            """;

        var file = CustomRulesParser.Parse(yaml, []);

        Assert.Equal(["custom.good"], file.Rules.Select(r => r.Id));
        Assert.Equal("Custom rule 'custom.bad', line 15: unknown operator 'bigger' (expected equals, notEquals, greater, less, contains, matches, exists, anyItem or allItems).",
            Assert.Single(file.Errors));
    }

    [Theory]
    [InlineData("rules:\n  - id: x.cat\n    category: Severe\n    label: L\n    assessment: A\n    when: {field: name, exists: true}\n", "Custom rule 'x.cat', line 3: unknown category 'Severe'")]
    [InlineData("rules:\n  - id: x.num\n    category: Warning\n    label: L\n    assessment: A\n    when: {field: cpuCount, less: many}\n", "Custom rule 'x.num', line 6: 'less' needs a number")]
    [InlineData("rules:\n  - category: Warning\n    label: L\n    assessment: A\n    when: {field: name, exists: true}\n", "Custom rule #1, line 2: missing or empty 'id'")]
    [InlineData("rules:\n  - id: vmware.tpm.detected\n    category: Warning\n    label: L\n    assessment: A\n    when: {field: name, exists: true}\n", "Custom rule 'vmware.tpm.detected', line 2: the id 'vmware.tpm.detected' is already used")]
    [InlineData("rules:\n  - id: x.re\n    category: Warning\n    label: L\n    assessment: A\n    when: {field: name, matches: '(['}\n", "Custom rule 'x.re', line 6: 'matches' needs a regular expression")]
    [InlineData("rules:\n  - id: x.when\n    category: Warning\n    label: L\n    assessment: A\n", "Custom rule 'x.when', line 2: missing 'when'")]
    public void Invalid_rules_are_named_with_their_line(string yaml, string expectedStart)
    {
        var file = CustomRulesParser.Parse(yaml, RuleSet.BuiltIn.Rules.Select(r => r.Id));

        Assert.Empty(file.Rules);
        Assert.StartsWith(expectedStart, Assert.Single(file.Errors));
    }

    [Fact]
    public void A_file_that_is_not_yaml_gives_one_error_with_the_line()
    {
        var file = CustomRulesParser.Parse("rules:\n  - id: a\n    label: [unclosed\n", []);

        Assert.Empty(file.Rules);
        Assert.StartsWith("Custom rules file, line ", Assert.Single(file.Errors));
    }

    [Fact]
    public void A_file_without_a_rules_list_is_an_error()
    {
        Assert.StartsWith("Custom rules file, line 1: expected a mapping with a 'rules' list", Assert.Single(CustomRulesParser.Parse("- a\n- b\n", []).Errors));
    }
}
