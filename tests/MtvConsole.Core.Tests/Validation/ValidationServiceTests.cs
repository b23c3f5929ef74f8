using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Validation;
using MtvConsole.Core.Validation.Custom;
using MtvConsole.Core.Validation.Rules;
using MtvConsole.Lab;
using MtvConsole.Lab.Generation;

namespace MtvConsole.Core.Tests.Validation;

public sealed class ValidationServiceTests
{
    private static readonly VsphereInventory Lab60 = LabInventoryGenerator.Generate(new LabOptions { VmCount = 60 }).Vsphere;
    private static readonly Guid Provider = Guid.NewGuid();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly ValidationService _service;
    private readonly List<ValidationFlags> _flags = [];

    public ValidationServiceTests()
    {
        _service = new ValidationService(new InMemoryConcernStore(), _time);
        _service.FlagsChanged += _flags.Add;
    }

    private static VsphereInventory With(VsphereInventory inventory, IReadOnlyList<VsphereVm> vms) =>
        new(inventory.Datacenters, inventory.Folders, inventory.Clusters, inventory.Hosts, inventory.Networks, inventory.Datastores, vms);

    [Fact]
    public void The_whole_lab_inventory_raises_every_built_in_rule()
    {
        var warm = Lab60.Vms.Select(v => v.Id).ToHashSet();

        var report = _service.Sync(Provider, "lab", Lab60, warm);

        Assert.Equal(new SyncReport(60, 60, 0), report);
        var raised = _service.Store.ForProvider(Provider).SelectMany(v => v.Concerns).Select(c => c.Id).ToHashSet();
        // The Lab does not generate VMs with more than 165 disks (see ValidationTriggers in the Lab tests).
        var expected = BuiltInRules.All.Select(r => r.Id).Where(id => id != "vmware.disk.count.exceeds.limit");
        Assert.All(expected, id => Assert.Contains(id, raised));
        Assert.Equal(60, _flags.Count);
    }

    [Fact]
    public void A_second_sync_of_an_unchanged_inventory_validates_nothing()
    {
        _service.Sync(Provider, "lab", Lab60);
        _flags.Clear();

        Assert.Equal(new SyncReport(60, 0, 0), _service.Sync(Provider, "lab", LabInventoryGenerator.Generate(new LabOptions { VmCount = 60 }).Vsphere));
        Assert.Empty(_flags);
    }

    [Fact]
    public void A_changed_vm_is_revalidated_with_a_new_revision_and_its_flags_are_published()
    {
        _service.Sync(Provider, "lab", Lab60);
        var clean = Lab60.Vms.First(v => _service.Store.Get(Provider, v.Id)!.Concerns.All(c => c.Id != "vmware.tpm.detected"));
        _flags.Clear();
        _time.Advance(TimeSpan.FromMinutes(5));

        var changed = With(Lab60, [.. Lab60.Vms.Select(v => v.Id == clean.Id ? v with { TpmEnabled = true } : v)]);
        var report = _service.Sync(Provider, "lab", changed);

        Assert.Equal(1, report.Validated);
        var stored = _service.Store.Get(Provider, clean.Id)!;
        Assert.Equal(2, stored.Revision);
        Assert.Equal(_time.GetUtcNow(), stored.ValidatedAt);
        Assert.Contains(stored.Concerns, c => c.Id == "vmware.tpm.detected");
        Assert.Equal(clean.Id, Assert.Single(_flags).VmId);
    }

    [Fact]
    public void A_fresh_read_with_one_disk_changed_revalidates_only_that_vm()
    {
        _service.Sync(Provider, "lab", Lab60);
        var fresh = LabInventoryGenerator.Generate(new LabOptions { VmCount = 60 }).Vsphere;
        var target = fresh.Vms.First(v => v.Disks.Count > 0);
        var disks = target.Disks.Select((d, i) => i == 0 ? d with { CapacityBytes = 0 } : d).ToList();

        var report = _service.Sync(Provider, "lab", With(fresh, [.. fresh.Vms.Select(v => v.Id == target.Id ? v with { Disks = disks } : v)]));

        Assert.Equal(1, report.Validated);
        Assert.Contains(_service.Store.Get(Provider, target.Id)!.Concerns, c => c.Id == "vmware.disk.capacity.invalid");
    }

    [Fact]
    public void A_cluster_change_revalidates_the_vms_of_its_hosts()
    {
        _service.Sync(Provider, "lab", Lab60);
        var cluster = Lab60.Clusters.First(c => !c.DpmEnabled);
        var hosts = Lab60.Hosts.Where(h => h.ClusterId == cluster.Id).Select(h => h.Id).ToHashSet();
        var affected = Lab60.Vms.Count(v => hosts.Contains(v.HostId));
        Assert.True(affected > 0);

        var clusters = Lab60.Clusters.Select(c => c.Id == cluster.Id ? c with { DpmEnabled = true } : c).ToList();
        var changed = new VsphereInventory(Lab60.Datacenters, Lab60.Folders, clusters, Lab60.Hosts, Lab60.Networks, Lab60.Datastores, Lab60.Vms);

        Assert.Equal(affected, _service.Sync(Provider, "lab", changed).Validated);
        Assert.All(Lab60.Vms.Where(v => hosts.Contains(v.HostId)), v => Assert.Contains(_service.Store.Get(Provider, v.Id)!.Concerns, c => c.Id == "vmware.dpm.enabled"));
    }

    [Fact]
    public void A_vm_gone_from_the_inventory_is_dropped_and_announced()
    {
        _service.Sync(Provider, "lab", Lab60);
        var gone = Lab60.Vms[0];
        _flags.Clear();

        var report = _service.Sync(Provider, "lab", With(Lab60, [.. Lab60.Vms.Skip(1)]));

        Assert.Equal(new SyncReport(59, 0, 1), report);
        Assert.Null(_service.Store.Get(Provider, gone.Id));
        Assert.True(Assert.Single(_flags).Removed);
    }

    [Fact]
    public void Joining_a_warm_plan_revalidates_the_vm()
    {
        _service.Sync(Provider, "lab", Lab60);
        var vm = Lab60.Vms.First(v => !v.ChangeTrackingEnabled);

        Assert.Equal(1, _service.Sync(Provider, "lab", Lab60, new HashSet<string> { vm.Id }).Validated);
        Assert.Contains(_service.Store.Get(Provider, vm.Id)!.Concerns, c => c.Id == "console.warm.cbt.disabled");
    }

    [Fact]
    public void Changing_the_rules_bumps_the_version_and_revalidates_everything()
    {
        _service.Sync(Provider, "lab", Lab60);
        var file = CustomRulesParser.Parse("""
            rules:
              - id: custom.everything
                category: Information
                label: Every VM
                assessment: Raised for every VM with a name.
                when: { field: name, exists: true }
            """, []);

        _service.SetCustomRules(file);

        Assert.Equal(BuiltInRules.Version + 1, _service.Rules.Version);
        Assert.All(_service.Store.ForProvider(Provider), v =>
        {
            Assert.Equal(BuiltInRules.Version + 1, v.RulesVersion);
            Assert.Contains(v.Concerns, c => c.Id == "custom.everything");
            Assert.Equal(1, v.Revision);
        });
        Assert.Equal(new SyncReport(60, 0, 0), _service.Sync(Provider, "lab", Lab60));
    }

    [Fact]
    public void A_bad_custom_rules_file_keeps_the_built_in_rules_working()
    {
        _service.Sync(Provider, "lab", Lab60);
        var before = _service.Store.ForProvider(Provider).Sum(v => v.Concerns.Count);

        _service.SetCustomRules(CustomRulesParser.Parse("rules:\n  - id: custom.bad\n    category: Nope\n", []));

        Assert.Single(_service.RuleErrors);
        Assert.Equal(before, _service.Store.ForProvider(Provider).Sum(v => v.Concerns.Count));
    }

    [Fact]
    public void Recheck_revalidates_every_stored_vm_of_the_provider()
    {
        _service.Sync(Provider, "lab", Lab60);
        _service.Sync(Guid.NewGuid(), "other", Lab60);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(60, _service.Recheck(Provider));
        Assert.All(_service.Store.ForProvider(Provider), v => Assert.Equal(_time.GetUtcNow(), v.ValidatedAt));
    }
}
