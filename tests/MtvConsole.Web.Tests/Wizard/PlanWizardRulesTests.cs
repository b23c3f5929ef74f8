using MtvConsole.Core.Resources;
using MtvConsole.Web.Components.Shared;
using MtvConsole.Web.Mapping;
using MtvConsole.Web.Planning;

namespace MtvConsole.Web.Tests.Wizard;

public class PlanWizardRulesTests
{
    private static readonly Core.Inventory.VsphereInventory Inventory = WizardTestInventory.Source;

    [Fact]
    public void General_needs_a_unique_dns_name_both_providers_and_a_namespace()
    {
        var errors = new FormErrors();
        PlanWizardRules.General(new PlanWizardState { Name = "Wave_1", TargetNamespace = "" }, [], errors);
        Assert.StartsWith("The name must consist of lowercase", errors[nameof(PlanWizardState.Name)]);
        Assert.Equal("Pick the source provider.", errors[nameof(PlanWizardState.SourceProviderId)]);
        Assert.Equal("Pick the target provider.", errors[nameof(PlanWizardState.DestinationProviderId)]);
        Assert.Equal("The target namespace is required.", errors[nameof(PlanWizardState.TargetNamespace)]);

        errors.Clear();
        PlanWizardRules.General(new PlanWizardState { Name = "wave-1", TargetNamespace = "apps", SourceProviderId = Guid.NewGuid(), DestinationProviderId = Guid.NewGuid() }, ["wave-1"], errors);
        Assert.Equal("A plan named 'wave-1' already exists.", errors[nameof(PlanWizardState.Name)]);
    }

    [Fact]
    public void An_unmapped_network_of_a_selected_vm_blocks_the_network_step_naming_it()
    {
        var state = new PlanWizardState { SourceProviderId = Guid.NewGuid(), DestinationProviderId = Guid.NewGuid() };
        var vm = Inventory.Vms.First(v => v.NetworkIds.Count() >= 2);
        state.SelectedVmIds.Add(vm.Id);
        var first = vm.NetworkIds.First();
        state.NewNetworkMap.Rows = [new NetworkRow { SourceNetworkId = first, Destination = NetworkDestinationType.Pod }];

        var errors = new FormErrors();
        PlanWizardRules.NetworkMap(state, Inventory, null, errors);

        var missing = Inventory.Networks.First(n => n.Id == vm.NetworkIds.Skip(1).First()).Name;
        Assert.Contains($"not mapped: {missing}", errors["NetworkMap"]);
    }

    [Fact]
    public void A_nad_row_must_be_namespace_slash_name()
    {
        var state = new PlanWizardState { SourceProviderId = Guid.NewGuid(), DestinationProviderId = Guid.NewGuid() };
        var vm = Inventory.Vms.First(v => v.NetworkIds.Count() == 1);
        state.SelectedVmIds.Add(vm.Id);
        state.NewNetworkMap.Rows = [new NetworkRow { SourceNetworkId = vm.NetworkIds.Single(), Destination = NetworkDestinationType.Multus, Nad = "prod-vlan-110" }];

        var errors = new FormErrors();
        PlanWizardRules.NetworkMap(state, Inventory, null, errors);

        Assert.Contains(errors.StartingWith("NetworkMap"), e => e.StartsWith("Write the NetworkAttachmentDefinition as namespace/name"));
    }

    [Fact]
    public void A_hook_without_an_image_is_refused()
    {
        var errors = new FormErrors();
        PlanWizardRules.Hooks(new PlanWizardState { PostHook = new HookForm { Image = " " } }, errors);
        Assert.StartsWith("Give the hook's container image", errors[nameof(PlanWizardState.PostHook)]);
    }

    [Fact]
    public void Selecting_no_vm_blocks()
    {
        var errors = new FormErrors();
        PlanWizardRules.Vms(new PlanWizardState(), errors);
        Assert.Equal("Select at least one VM.", errors[nameof(PlanWizardState.SelectedVmIds)]);
    }
}
