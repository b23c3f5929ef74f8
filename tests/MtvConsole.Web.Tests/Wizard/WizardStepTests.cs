using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Components.Wizard;
using MtvConsole.Web.Planning;
using MudBlazor;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests.Wizard;

public sealed class WizardStepTests : BunitContext, IAsyncLifetime
{
    public WizardStepTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    private static VsphereInventory Inventory => WizardTestInventory.Source;

    [Fact]
    public void The_vm_step_pages_on_the_server_and_counts_every_vm()
    {
        var state = new PlanWizardState();
        var step = Render<WizardVmStep>(p => p.Add(s => s.State, state).Add(s => s.Inventory, Inventory));

        step.WaitForAssertion(() => Assert.Equal($"0 selected · {Inventory.Vms.Count} matching", step.Find("#vm-selection-count").TextContent));
        Assert.Equal(25, step.FindAll("tbody tr.mud-table-row").Count);
    }

    [Fact]
    public async Task Select_all_matching_selects_every_vm_the_filter_matches_across_pages()
    {
        var state = new PlanWizardState();
        var step = Render<WizardVmStep>(p => p.Add(s => s.State, state).Add(s => s.Inventory, Inventory));
        var expected = Inventory.Vms.Where(v => v.PowerState == PowerState.PoweredOff).Select(v => v.Id).ToHashSet();
        Assert.NotEmpty(expected);

        var power = step.FindComponents<MudSelect<PowerState?>>().Single();
        await step.InvokeAsync(() => power.Instance.ValueChanged.InvokeAsync(PowerState.PoweredOff));
        await step.Find("#select-all-matching").ClickAsync(new MouseEventArgs());

        Assert.Equal(expected, state.SelectedVmIds);
        step.WaitForAssertion(() => Assert.StartsWith($"{expected.Count} selected", step.Find("#vm-selection-count").TextContent));
    }

    [Fact]
    public async Task Select_all_matching_uses_the_name_just_typed_even_before_the_filter_pause()
    {
        var state = new PlanWizardState();
        var step = Render<WizardVmStep>(p => p.Add(s => s.State, state).Add(s => s.Inventory, Inventory));
        var expected = Inventory.Vms.Where(v => v.Name.Contains("app-hr", StringComparison.OrdinalIgnoreCase)).Select(v => v.Id).ToHashSet();
        Assert.NotEmpty(expected);

        await step.Find("#vm-filter-name").InputAsync(new ChangeEventArgs { Value = "app-hr" });
        await step.Find("#select-all-matching").ClickAsync(new MouseEventArgs());

        Assert.Equal(expected, state.SelectedVmIds);
    }

    [Fact]
    public async Task Selected_only_shows_just_the_selection()
    {
        var state = new PlanWizardState();
        state.SelectedVmIds.Add(Inventory.Vms[3].Id);
        state.SelectedVmIds.Add(Inventory.Vms[7].Id);
        var step = Render<WizardVmStep>(p => p.Add(s => s.State, state).Add(s => s.Inventory, Inventory));

        var toggle = step.FindComponents<MudSwitch<bool>>().Single();
        await step.InvokeAsync(() => toggle.Instance.ValueChanged.InvokeAsync(true));

        step.WaitForAssertion(() => Assert.Equal(2, step.FindAll("tbody tr.mud-table-row").Count));
        Assert.Equal("2 selected · 2 matching", step.Find("#vm-selection-count").TextContent);
    }

    [Fact]
    public async Task Picking_a_host_in_the_cluster_tree_filters_the_table_to_its_vms()
    {
        var host = Inventory.Hosts.First(h => Inventory.Vms.Any(v => v.HostId == h.Id));
        var onHost = Inventory.Vms.Count(v => v.HostId == host.Id);
        var step = Render<WizardVmStep>(p => p.Add(s => s.State, new PlanWizardState()).Add(s => s.Inventory, Inventory));

        var clusterText = InventoryTrees.Clusters(Inventory).Single(n => n.Value == $"cluster:{host.ClusterId}").Text;
        var hostText = InventoryTrees.Clusters(Inventory).SelectMany(n => n.Children!).Single(n => n.Value == $"host:{host.Id}").Text;

        // As a user does: open the cluster tree, expand the host's cluster, click the host.
        step.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "By cluster").Click();
        var cluster = step.WaitForElements(".mud-treeview-item-content").Single(e => e.TextContent.Trim() == clusterText);
        await cluster.QuerySelector("button")!.ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        await step.WaitForElements(".mud-treeview-item-content").Single(e => e.TextContent.Trim() == hostText).ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        step.WaitForAssertion(() => Assert.Equal($"0 selected · {onHost} matching", step.Find("#vm-selection-count").TextContent));
        Assert.NotNull(step.Find("#tree-clear"));
    }

    [Fact]
    public void The_vm_step_shows_why_it_cannot_go_on()
    {
        var step = Render<WizardVmStep>(p => p.Add(s => s.State, new PlanWizardState()).Add(s => s.Inventory, Inventory).Add(s => s.Error, "Select at least one VM."));
        Assert.Equal("Select at least one VM.", step.Find("#vm-step-error").TextContent.Trim());
    }

    [Fact]
    public void A_new_network_map_is_prefilled_with_every_network_the_selected_vms_use()
    {
        var state = new PlanWizardState();
        foreach (var vm in Inventory.Vms.Take(12)) state.SelectedVmIds.Add(vm.Id);
        var used = Inventory.Vms.Take(12).SelectMany(v => v.NetworkIds).Distinct().Order().ToList();

        WizardNetworkStep.Prefill(state, Inventory, WizardTestInventory.Target);

        Assert.Equal(used, state.NewNetworkMap.Rows.Select(r => r.SourceNetworkId));
        Assert.True(state.NewNetworkMap.Rows.Count(r => r.Destination == NetworkDestinationType.Pod) <= 1);
        var nads = WizardTestInventory.Target.NetworkAttachmentDefinitions.Select(n => n.QualifiedName).ToHashSet();
        Assert.All(state.NewNetworkMap.Rows.Where(r => r.Destination == NetworkDestinationType.Multus), r => Assert.Contains(r.Nad, nads));

        var step = Render<WizardNetworkStep>(p => p.Add(s => s.State, state).Add(s => s.Inventory, Inventory)
            .Add(s => s.Target, WizardTestInventory.Target).Add(s => s.Maps, []));
        Assert.Equal(used.Count, step.FindAll(".wizard-network-row").Count);
    }

    [Fact]
    public void A_new_storage_map_puts_every_used_datastore_on_the_default_class()
    {
        var state = new PlanWizardState();
        foreach (var vm in Inventory.Vms.Take(12)) state.SelectedVmIds.Add(vm.Id);

        WizardStorageStep.Prefill(state, Inventory, WizardTestInventory.Target);

        var defaultClass = WizardTestInventory.Target.StorageClasses.Single(c => c.IsDefault).Name;
        Assert.Equal(Inventory.Vms.Take(12).SelectMany(v => v.Disks).Select(d => d.DatastoreId).Where(d => d != "").Distinct().Order(),
            state.NewStorageMap.Rows.Select(r => r.SourceDatastoreId));
        Assert.All(state.NewStorageMap.Rows, r => Assert.Equal(defaultClass, r.StorageClass));
    }

    [Fact]
    public async Task The_qemu_guest_agent_hook_is_one_click()
    {
        var state = new PlanWizardState();
        var step = Render<WizardHooksStep>(p => p.Add(s => s.State, state));

        await step.Find("#install-qemu-agent").ClickAsync(new MouseEventArgs());

        Assert.NotNull(state.PostHook);
        Assert.Contains("qemu-guest-agent", state.PostHook!.Playbook);
        Assert.Equal(HookForm.DefaultImage, state.PostHook.Image);
        step.WaitForAssertion(() => Assert.Contains("qemu-guest-agent", step.Find(".hook-playbook textarea").GetAttribute("value") ?? step.Find(".hook-playbook textarea").TextContent));
        // It logs in to the VM with a key, so the user must name the Secret that holds it.
        Assert.Contains("SSH key", state.PostHook.Problem, StringComparison.Ordinal);
        Assert.NotNull(step.Find(".hook-ssh-key-secret input"));
        state.PostHook.SshKeySecret = "vm-ssh";
        Assert.Null(state.PostHook.Problem);
    }
}
