using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Readiness;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using static MtvConsole.Core.Tests.Readiness.SampleInventory;

namespace MtvConsole.Core.Tests.Readiness;

public class PlanValidatorTests
{
    private readonly Provider _source = Source();
    private readonly Provider _destination = Destination();
    private readonly NetworkMap _networkMap;
    private readonly StorageMap _storageMap;

    public PlanValidatorTests()
    {
        _networkMap = new NetworkMap
        {
            Name = "net", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id,
            Entries = [new NetworkMapEntry(Ref.ById("network-1"), NetworkDestinationType.Pod)],
        };
        _storageMap = new StorageMap
        {
            Name = "sto", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id,
            Entries = [new StorageMapEntry(Ref.ById("datastore-1"), "ceph-rbd")],
        };
    }

    private Plan NewPlan(params string[] vmRefs) => new()
    {
        Name = "wave-1", SourceProviderId = _source.Id, DestinationProviderId = _destination.Id,
        NetworkMapId = _networkMap.Id, StorageMapId = _storageMap.Id, TargetNamespace = "apps",
        Vms = [.. vmRefs.Select(r => new PlanVm(r.StartsWith("vm-") ? Ref.ById(r) : Ref.ByName(r), []))],
    };

    private Condition? Validate(Plan plan, VsphereInventory inventory, string type, IReadOnlySet<string>? migrated = null,
        Dictionary<Guid, Hook>? hooks = null, TargetInventory? target = null, Func<IReadOnlyList<string>, IReadOnlyList<string>>? concerns = null,
        IReadOnlyList<MigrationNetworkHost>? migrationHosts = null)
    {
        target ??= Target();
        NetworkMapValidator.Validate(_networkMap, _source, _destination, inventory, target, Now);
        StorageMapValidator.Validate(_storageMap, _source, _destination, inventory, target, Now);
        var context = new PlanContext(_source, _destination, _networkMap, _storageMap, hooks ?? [], inventory, target, migrated ?? new HashSet<string>())
        {
            CriticalConcerns = concerns ?? (_ => []),
            MigrationHosts = migrationHosts ?? [],
        };
        PlanValidator.Validate(plan, context, Now);
        return plan.Conditions.FirstOrDefault(c => c.Type == type);
    }

    [Fact]
    public void A_plan_with_found_mapped_vms_is_ready()
    {
        var plan = NewPlan("vm-1", "web");
        Assert.NotNull(Validate(plan, Vsphere(Vm("vm-1", "app"), Vm("vm-2", "web")), ConditionTypes.Ready));
        Assert.Equal(PlanValidator.ReadyMessage, plan.Conditions.Single(c => c.Type == ConditionTypes.Ready).Message);
    }

    [Fact]
    public void Vm_not_found_lists_the_missing_refs()
    {
        var condition = Validate(NewPlan("vm-1", "vm-9"), Vsphere(Vm("vm-1", "app")), ConditionTypes.VMNotFound);
        Assert.Equal(["(VM) id:vm-9 name:'' "], condition!.Items);
    }

    [Fact]
    public void The_same_vm_twice_is_a_duplicate_and_an_ambiguous_name_is_reported_as_such()
    {
        var duplicate = Validate(NewPlan("vm-1", "app"), Vsphere(Vm("vm-1", "app")), ConditionTypes.DuplicateVM);
        Assert.Equal(ConditionReasons.NotUnique, duplicate!.Reason);

        var ambiguous = Validate(NewPlan("app"), Vsphere(Vm("vm-1", "app"), Vm("vm-2", "app")), ConditionTypes.DuplicateVM);
        Assert.Equal(ConditionReasons.Ambiguous, ambiguous!.Reason);
    }

    [Fact]
    public void A_vm_name_that_is_not_a_dns_label_warns_with_the_name_the_target_vm_gets()
    {
        var condition = Validate(NewPlan("vm-1"), Vsphere(Vm("vm-1", "SQL_Prod_01")), ConditionTypes.TargetNameNotValid);
        Assert.Equal(ConditionCategory.Warn, condition!.Category);
        Assert.Equal(["(VM) id:vm-1 name:'SQL_Prod_01' "], condition.Items);
        Assert.Contains("SQL_Prod_01 → sql-prod-01", condition.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_vms_that_would_get_the_same_target_name_block()
    {
        var condition = Validate(NewPlan("vm-1", "vm-2", "vm-3"), Vsphere(Vm("vm-1", "SQL_Prod_01"), Vm("vm-2", "sql-prod-01"), Vm("vm-3", "web")),
            ConditionTypes.TargetNameNotValid);
        Assert.Equal(ConditionCategory.Critical, condition!.Category);
        Assert.Equal(ConditionReasons.NotUnique, condition.Reason);
        Assert.Equal(["(VM) id:vm-1 name:'SQL_Prod_01' ", "(VM) id:vm-2 name:'sql-prod-01' "], condition.Items);
        Assert.Contains("SQL_Prod_01, sql-prod-01 → sql-prod-01", condition.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_target_vm_blocks_unless_this_plan_migrated_it()
    {
        var inventory = Vsphere(Vm("vm-1", "taken"));
        Assert.NotNull(Validate(NewPlan("vm-1"), inventory, ConditionTypes.VMAlreadyExists));
        Assert.Null(Validate(NewPlan("vm-1"), inventory, ConditionTypes.VMAlreadyExists, migrated: new HashSet<string> { "vm-1" }));
    }

    [Fact]
    public void An_existing_target_vm_under_the_adjusted_name_blocks()
    {
        Assert.NotNull(Validate(NewPlan("vm-1"), Vsphere(Vm("vm-1", "Taken")), ConditionTypes.VMAlreadyExists));
    }

    [Fact]
    public void Unmapped_networks_and_storage_name_the_vms()
    {
        var inventory = Vsphere(Vm("vm-1", "app", network: "network-2", datastore: "datastore-2"));
        Assert.Equal(["(VM) id:vm-1 name:'app' "], Validate(NewPlan("vm-1"), inventory, ConditionTypes.VMNetworksNotMapped)!.Items);
        Assert.NotNull(Validate(NewPlan("vm-1"), inventory, ConditionTypes.VMStorageNotMapped));
    }

    [Fact]
    public void A_map_that_is_not_ready_blocks_the_plan_with_the_maps_reason()
    {
        _networkMap.Entries = [new NetworkMapEntry(Ref.ById("network-1"), NetworkDestinationType.Multus, "apps", "missing")];
        var condition = Validate(NewPlan("vm-1"), Vsphere(Vm("vm-1", "app")), ConditionTypes.NetworkMapNotReady);
        Assert.StartsWith("Destination network not found", condition!.Suggestion);
    }

    [Fact]
    public void Warm_plans_need_cbt_on_every_vm()
    {
        var plan = NewPlan("vm-1", "vm-2");
        plan.Warm = true;
        var condition = Validate(plan, Vsphere(Vm("vm-1", "app"), Vm("vm-2", "db", cbt: false)), ConditionTypes.VMMissingChangedBlockTracking);
        Assert.Equal(["(VM) id:vm-2 name:'db' "], condition!.Items);

        plan.Warm = false;
        Assert.Null(Validate(plan, Vsphere(Vm("vm-1", "app"), Vm("vm-2", "db", cbt: false)), ConditionTypes.VMMissingChangedBlockTracking));
    }

    [Theory]
    [InlineData("", ConditionReasons.NotSet)]
    [InlineData("Prod_Apps", ConditionReasons.NotValid)]
    public void A_bad_target_namespace_blocks(string ns, string reason)
    {
        var plan = NewPlan("vm-1");
        plan.TargetNamespace = ns;
        Assert.Equal(reason, Validate(plan, Vsphere(Vm("vm-1", "app")), ConditionTypes.NamespaceNotValid)!.Reason);
    }

    [Fact]
    public void A_missing_transfer_network_blocks()
    {
        var plan = NewPlan("vm-1");
        plan.TransferNetwork = "default/migration-net";
        Assert.NotNull(Validate(plan, Vsphere(Vm("vm-1", "app")), ConditionTypes.TransferNetworkNotValid));
        Assert.Null(Validate(plan, Vsphere(Vm("vm-1", "app")), ConditionTypes.TransferNetworkNotValid,
            target: Target(new NetworkAttachmentDefinition("default", "migration-net", "{}"))));
    }

    [Theory]
    [InlineData("gw.example.com", null, "Transfer network default route annotation is not a valid IP address.")]
    [InlineData("", null, "Transfer network default route annotation is not a valid IP address.")]
    [InlineData(null, """{"ipam":{"routes":[{"dst":"0.0.0.0/0"}]}}""", "Transfer network default route is not a valid IP address.")]
    public void A_transfer_network_default_route_that_is_not_an_ip_address_blocks(string? route, string? config, string message)
    {
        // kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go validateTransferNetwork (TransferNetworkNotValid, NotValid, critical).
        var plan = NewPlan("vm-1");
        plan.TransferNetwork = "default/migration-net";

        var condition = Validate(plan, Vsphere(Vm("vm-1", "app")), ConditionTypes.TransferNetworkNotValid,
            target: Target(new NetworkAttachmentDefinition("default", "migration-net", config ?? "{}", route)));

        Assert.NotNull(condition);
        Assert.Equal(ConditionReasons.NotValid, condition.Reason);
        Assert.Equal(ConditionCategory.Critical, condition.Category);
        Assert.Equal(message, condition.Message);
        Assert.Contains("default/migration-net", condition.Suggestion, StringComparison.Ordinal);
        Assert.False(plan.IsReady);
    }

    [Theory]
    [InlineData("10.10.0.1", null)]
    [InlineData("fd00::1", null)]
    [InlineData("none", null)]
    [InlineData(null, """{"ipam":{"routes":[{"dst":"0.0.0.0/0","gw":"172.16.200.1"}]}}""")]
    [InlineData(null, """{"ipam":{"type":"whereabouts","range":"172.16.201.0/24"}}""")]
    public void A_transfer_network_with_an_ip_default_route_or_none_is_valid(string? route, string? config)
    {
        var plan = NewPlan("vm-1");
        plan.TransferNetwork = "default/migration-net";

        Assert.Null(Validate(plan, Vsphere(Vm("vm-1", "app")), ConditionTypes.TransferNetworkNotValid,
            target: Target(new NetworkAttachmentDefinition("default", "migration-net", config ?? "{}", route))));
    }

    [Fact]
    public void Hook_conditions_are_really_set()
    {
        var notReadyHook = new Hook { Name = "broken", Image = "" };
        HookValidator.Validate(notReadyHook, Now);
        var plan = NewPlan("vm-1");
        plan.Vms = [new PlanVm(Ref.ById("vm-1"), [new PlanHook(HookStep.PreHook, Guid.NewGuid()), new PlanHook(HookStep.PostHook, notReadyHook.Id), new PlanHook((HookStep)7, notReadyHook.Id)])];

        Validate(plan, Vsphere(Vm("vm-1", "app")), ConditionTypes.Ready, hooks: new() { [notReadyHook.Id] = notReadyHook });

        Assert.Contains(plan.Conditions, c => c.Type == ConditionTypes.HookNotValid && c.Reason == ConditionReasons.NotFound);
        Assert.Contains(plan.Conditions, c => c.Type == ConditionTypes.HookNotReady && c.Items.SequenceEqual(["broken"]));
        Assert.Contains(plan.Conditions, c => c.Type == ConditionTypes.HookStepNotValid);
        Assert.False(plan.IsReady);
    }

    [Fact]
    public void A_vm_on_a_host_in_maintenance_warns_without_blocking()
    {
        var plan = NewPlan("vm-1");
        var condition = Validate(plan, Vsphere(Vm("vm-1", "app", host: "host-2")), ConditionTypes.HostNotReady);
        Assert.Equal(ConditionCategory.Warn, condition!.Category);
        Assert.True(plan.IsReady);
    }

    [Fact]
    public void Critical_concerns_block_with_the_vms_listed()
    {
        var condition = Validate(NewPlan("vm-1"), Vsphere(Vm("vm-1", "app")), ConditionTypes.VMCriticalConcerns,
            concerns: ids => [.. ids.Select(id => $"{id} (Raw Device Mapped disk detected)")]);
        Assert.Equal(["vm-1 (Raw Device Mapped disk detected)"], condition!.Items);
    }

    [Fact]
    public void An_archived_plan_is_never_ready()
    {
        var plan = NewPlan("vm-1");
        plan.Archived = true;
        Assert.NotNull(Validate(plan, Vsphere(Vm("vm-1", "app")), ConditionTypes.Archived));
        Assert.False(plan.IsReady);
        Assert.DoesNotContain(plan.Conditions, c => c.Type == ConditionTypes.Ready);
    }

    [Fact]
    public void While_executing_the_vm_list_is_not_revalidated()
    {
        var plan = NewPlan("vm-1", "vm-9");
        Validate(plan, Vsphere(Vm("vm-1", "app")), ConditionTypes.VMNotFound);
        plan.Conditions.Add(new Condition { Type = ConditionTypes.Executing, Category = ConditionCategory.Advisory, Durable = true });

        Assert.NotNull(Validate(plan, Vsphere(Vm("vm-1", "app"), Vm("vm-9", "db")), ConditionTypes.VMNotFound));
    }
    [Fact]
    public void Two_nics_of_one_vm_on_the_pod_network_block_the_start_naming_the_vm_and_its_nics()
    {
        // Both NICs on the one network the map sends to the pod network.
        var vm = Vm("vm-1", "app") with { Nics = [new VmNic("network-1", "00:50:56:aa:00:01", 1), new VmNic("network-1", "00:50:56:aa:00:02", 2)] };
        var plan = NewPlan("vm-1", "vm-2");

        var condition = Validate(plan, Vsphere(vm, Vm("vm-2", "web")), ConditionTypes.VMMultiplePodNetworkMappings);

        Assert.Equal(ConditionCategory.Critical, condition!.Category);
        Assert.Equal(["(VM) id:vm-1 name:'app' "], condition.Items);
        Assert.Contains("NIC 1 (00:50:56:aa:00:01, network VM Network)", condition.Message);
        Assert.Contains("NIC 2 (00:50:56:aa:00:02, network VM Network)", condition.Message);
        Assert.False(plan.IsReady);
    }

    [Fact]
    public void One_nic_on_the_pod_network_and_one_on_multus_is_fine()
    {
        _networkMap.Entries = [new NetworkMapEntry(Ref.ById("network-1"), NetworkDestinationType.Pod), new NetworkMapEntry(Ref.ById("network-2"), NetworkDestinationType.Multus, "apps", "db")];
        var vm = Vm("vm-1", "app") with { Nics = [new VmNic("network-1", "00:50:56:aa:00:01", 1), new VmNic("network-2", "00:50:56:aa:00:02", 2)] };

        Assert.Null(Validate(NewPlan("vm-1"), Vsphere(vm), ConditionTypes.VMMultiplePodNetworkMappings, target: Target(new NetworkAttachmentDefinition("apps", "db", "{}"))));
    }

    [Fact]
    public void A_mac_used_by_a_vm_on_the_target_blocks_the_start_naming_the_vm_the_mac_and_the_target_vm()
    {
        var vm = Vm("vm-1", "app") with { Nics = [new VmNic("network-1", "00:50:56:FF:FF:FF", 1)] };
        var plan = NewPlan("vm-1");

        var condition = Validate(plan, Vsphere(vm), ConditionTypes.MacConflicts);

        Assert.Equal(ConditionCategory.Critical, condition!.Category);
        Assert.Equal(["(VM) id:vm-1 name:'app' "], condition.Items);
        Assert.Contains("VM app has MAC address conflicts: MAC 00:50:56:FF:FF:FF is used by target VM apps/taken", condition.Message);
        Assert.False(plan.IsReady);
    }

    [Fact]
    public void The_target_vm_this_plan_already_created_for_the_same_vm_is_no_mac_conflict()
    {
        var vm = Vm("vm-1", "taken") with { Nics = [new VmNic("network-1", "00:50:56:ff:ff:ff", 1)] };

        Assert.Null(Validate(NewPlan("vm-1"), Vsphere(vm), ConditionTypes.MacConflicts, migrated: new HashSet<string> { "vm-1" }));
        Assert.NotNull(Validate(NewPlan("vm-1"), Vsphere(vm), ConditionTypes.MacConflicts));
    }

    [Fact]
    public void A_source_without_a_pinned_thumbprint_blocks_the_plan_for_the_vms_read_through_the_vcenter()
    {
        _source.PinnedSha1 = null;
        _source.InsecureSkipVerify = true;
        var onMigrationHost = new MigrationNetworkHost { Name = "esx2-net", ProviderId = _source.Id, HostRef = Ref.ById("host-2"), IpAddress = "10.10.0.12" };
        onMigrationHost.Validate(Now, _ => { }, "The host is ready.");
        var plan = NewPlan("vm-1", "vm-2");

        var condition = Validate(plan, Vsphere(Vm("vm-1", "app"), Vm("vm-2", "db", host: "host-2")), ConditionTypes.VddkThumbprintMissing,
            migrationHosts: [onMigrationHost]);

        Assert.Equal(ConditionCategory.Critical, condition!.Category);
        Assert.Equal(["(VM) id:vm-1 name:'app' "], condition.Items);
        Assert.Contains("trust it", condition.Suggestion, StringComparison.Ordinal);
        Assert.False(plan.IsReady);
    }

    [Fact]
    public void A_pinned_source_needs_no_thumbprint_condition()
    {
        Assert.Null(Validate(NewPlan("vm-1"), Vsphere(Vm("vm-1", "app")), ConditionTypes.VddkThumbprintMissing));
    }
}
