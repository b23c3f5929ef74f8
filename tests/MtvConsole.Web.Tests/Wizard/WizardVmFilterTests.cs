using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Validation;
using MtvConsole.Web.Components.Wizard;
using MtvConsole.Web.Planning;
using MudBlazor;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests.Wizard;

/// <summary>Each filter of the VM step narrows the table (and "select all matching") to exactly the VMs it names.</summary>
public sealed class WizardVmFilterTests : BunitContext, IAsyncLifetime
{
    private static readonly Concern Rdm = new("vmware.disk.rdm.detected", ConcernCategory.Critical, "Raw device mapped disk detected", "Remove the RDM disk.");
    private static readonly Concern NoCbt = new("vmware.changedTracking.disabled", ConcernCategory.Warning, "Changed block tracking not enabled", "Enable CBT for warm migration.");

    public WizardVmFilterTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    private static VsphereInventory Inventory => WizardTestInventory.Source;

    // Every third VM has an RDM disk, every fourth lacks CBT.
    private static IReadOnlyList<Concern> ConcernsOf(VsphereVm vm)
    {
        var index = Inventory.Vms.ToList().FindIndex(v => v.Id == vm.Id);
        var concerns = new List<Concern>();
        if (index % 3 == 0) concerns.Add(Rdm);
        if (index % 4 == 0) concerns.Add(NoCbt);
        return concerns;
    }

    private IRenderedComponent<WizardVmStep> RenderStep(PlanWizardState state) =>
        Render<WizardVmStep>(p => p.Add(s => s.State, state).Add(s => s.Inventory, Inventory).Add(s => s.ConcernsOf, ConcernsOf));

    private static void AssertMatching(IRenderedComponent<WizardVmStep> step, ICollection<string> expected)
    {
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < Inventory.Vms.Count, "the filter must leave some VMs out for the test to mean anything");
        step.WaitForAssertion(() => Assert.Equal($"0 selected · {expected.Count} matching", step.Find("#vm-selection-count").TextContent));
    }

    private static async Task SelectAllAndCheck(IRenderedComponent<WizardVmStep> step, PlanWizardState state, ISet<string> expected)
    {
        await step.Find("#select-all-matching").ClickAsync(new MouseEventArgs());
        Assert.Equal(expected, state.SelectedVmIds);
    }

    private static MudTextField<string> TextFilter(IRenderedComponent<WizardVmStep> step, string id) =>
        step.FindComponents<MudTextField<string>>().Single(c => c.Markup.Contains($"id=\"{id}\"", StringComparison.Ordinal)).Instance;

    [Fact]
    public async Task The_guest_os_filter_keeps_only_vms_whose_guest_os_contains_the_text()
    {
        var state = new PlanWizardState();
        var step = RenderStep(state);
        var expected = Inventory.Vms.Where(v => VmQuery.GuestOs(v).Contains("windows", StringComparison.OrdinalIgnoreCase)).Select(v => v.Id).ToHashSet();

        var field = TextFilter(step, "vm-filter-os");
        await step.InvokeAsync(() => field.ValueChanged.InvokeAsync("windows"));

        AssertMatching(step, expected);
        Assert.All(step.FindAll("tbody tr.mud-table-row"), row => Assert.Contains("Windows", row.TextContent, StringComparison.OrdinalIgnoreCase));
        await SelectAllAndCheck(step, state, expected);
    }

    // The folder tree's nodes carry "folder:<path>"; the query keeps the VMs below that path (bUnit does not
    // render MudTreeView's items, so this checks the tree's values against the server query directly).
    [Fact]
    public void Every_folder_node_filters_the_query_to_exactly_the_vms_below_it()
    {
        var folders = Flatten(InventoryTrees.Folders(Inventory)).ToList();
        Assert.Contains(folders, n => Below(n) is > 0 and var count && count < Inventory.Vms.Count);
        foreach (var node in folders)
        {
            var path = node.Value!["folder:".Length..];
            var expected = Inventory.Vms.Where(v => v.Path.StartsWith(path + "/", StringComparison.Ordinal)).Select(v => v.Id).ToHashSet();
            var filter = new VmFilter { Folder = path };
            Assert.Equal(expected.Count, VmQuery.Page(Inventory, filter, VmSortField.Name, false, 0, 100).TotalMatching);
            Assert.Equal(expected, VmQuery.Matching(Inventory, filter).Select(v => v.Id).ToHashSet());
        }
    }

    private static IEnumerable<TreeItemData<string>> Flatten(IEnumerable<TreeItemData<string>> nodes) =>
        nodes.SelectMany(n => new[] { n }.Concat(Flatten(n.Children?.OfType<TreeItemData<string>>() ?? [])));

    private static int Below(TreeItemData<string> node) =>
        Inventory.Vms.Count(v => v.Path.StartsWith(node.Value!["folder:".Length..] + "/", StringComparison.Ordinal));

    [Fact]
    public async Task Picking_a_cluster_keeps_the_vms_on_every_host_of_that_cluster()
    {
        var state = new PlanWizardState();
        var step = RenderStep(state);
        var cluster = Inventory.Hosts.Select(h => h.ClusterId).Distinct().First();
        var hosts = Inventory.Hosts.Where(h => h.ClusterId == cluster).Select(h => h.Id).ToHashSet();
        var expected = Inventory.Vms.Where(v => hosts.Contains(v.HostId)).Select(v => v.Id).ToHashSet();

        var text = InventoryTrees.Clusters(Inventory).Single(n => n.Value == "cluster:" + cluster).Text;

        // As a user does: open the cluster tree, click the cluster.
        step.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "By cluster").Click();
        step.WaitForElements(".mud-treeview-item-content").Single(e => e.TextContent.Trim() == text).Click();

        AssertMatching(step, expected);
        await SelectAllAndCheck(step, state, expected);
    }

    [Fact]
    public async Task The_concern_category_filter_keeps_vms_with_a_concern_of_that_category()
    {
        var state = new PlanWizardState();
        var step = RenderStep(state);
        var expected = Inventory.Vms.Where(v => ConcernsOf(v).Any(c => c.Category == ConcernCategory.Critical)).Select(v => v.Id).ToHashSet();

        var category = step.FindComponents<MudSelect<ConcernCategory?>>().Single();
        await step.InvokeAsync(() => category.Instance.ValueChanged.InvokeAsync(ConcernCategory.Critical));

        AssertMatching(step, expected);
        await SelectAllAndCheck(step, state, expected);
    }

    [Fact]
    public async Task The_concern_label_filter_keeps_vms_with_a_concern_whose_label_contains_the_text()
    {
        var state = new PlanWizardState();
        var step = RenderStep(state);
        var expected = Inventory.Vms.Where(v => ConcernsOf(v).Contains(NoCbt)).Select(v => v.Id).ToHashSet();

        var label = TextFilter(step, "vm-filter-concern-label");
        await step.InvokeAsync(() => label.ValueChanged.InvokeAsync("block tracking"));

        AssertMatching(step, expected);
        await SelectAllAndCheck(step, state, expected);
    }

    [Fact]
    public async Task Filters_combine_a_power_state_and_a_concern_category()
    {
        var state = new PlanWizardState();
        var step = RenderStep(state);
        var expected = Inventory.Vms.Where(v => v.PowerState == PowerState.PoweredOn && ConcernsOf(v).Any(c => c.Category == ConcernCategory.Warning)).Select(v => v.Id).ToHashSet();

        var power = step.FindComponents<MudSelect<PowerState?>>().Single();
        await step.InvokeAsync(() => power.Instance.ValueChanged.InvokeAsync(PowerState.PoweredOn));
        var category = step.FindComponents<MudSelect<ConcernCategory?>>().Single();
        await step.InvokeAsync(() => category.Instance.ValueChanged.InvokeAsync(ConcernCategory.Warning));

        AssertMatching(step, expected);
        await SelectAllAndCheck(step, state, expected);
    }

    [Fact]
    public void The_folder_tree_shows_the_folders_and_clicking_one_keeps_only_the_vms_below_it()
    {
        var state = new PlanWizardState();
        var step = RenderStep(state);
        var nodes = Flatten(InventoryTrees.Folders(Inventory)).ToList();

        // The rendered tree (top levels until expanded) offers folders with their VM counts.
        var shown = step.WaitForElements(".mud-treeview-item-content");
        var (element, folder) = shown.Select(e => (e, nodes.FirstOrDefault(n => n.Text == e.TextContent.Trim())))
            .First(p => p.Item2 is { } n && Below(n) is > 0 and var count && count < Inventory.Vms.Count);
        element.Click();

        step.WaitForAssertion(() => Assert.Equal($"0 selected · {Below(folder!)} matching", step.Find("#vm-selection-count").TextContent));
    }
}
