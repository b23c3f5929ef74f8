using System.Text.RegularExpressions;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;
using MtvConsole.Data.Accounts;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Components.Pages;
using MtvConsole.Web.Dashboard;
using MtvConsole.Web.Planning;
using MudBlazor;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests.Dashboard;

/// <summary>The plan page (bUnit) over the whole console's services: its tabs, the URL that names them, and the target objects tab.</summary>
public sealed class PlanPageTests : BunitContext, IAsyncLifetime
{
    private const string PlanName = "page-plan";
    private readonly ConsoleFactory _factory = new();
    private List<VsphereVm> _vms = [];
    private Plan _plan = null!;

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        _vms = [.. (await TestPlans.SeedAsync(_factory, PlanName, 2, warm: true)).OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)];
        _plan = (await _factory.Services.GetRequiredService<IMigrationStore>().FindPlanAsync(PlanName))!;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // The console's own services (the page reads, subscribes, commands and renders through them).
        foreach (var service in new[] { typeof(DashboardReader), typeof(DashboardFeed), typeof(MigrationCommands), typeof(PlanManifests), typeof(TimeProvider) })
            Services.AddSingleton(service, _factory.Services.GetRequiredService(service));
        AddAuthorization().SetAuthorized("otto").SetRoles(Roles.Operator).SetPolicies(Policies.Operator);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    private string Url => "/" + Nav.ToBaseRelativePath(Nav.Uri);

    private IRenderedComponent<PlanDetails> Open(string url)
    {
        Nav.NavigateTo(url);
        Render<MudPopoverProvider>();
        var page = Render<PlanDetails>(p => p.Add(x => x.Name, PlanName));
        page.WaitForElement("#plan-tabs");
        return page;
    }

    private static void ClickTab(IRenderedComponent<PlanDetails> page, string text) =>
        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == text).Click();

    private static string ActiveTab(IRenderedComponent<PlanDetails> page) => page.Find(".mud-tab.mud-tab-active").TextContent.Trim();

    private static string ShownVm(IRenderedComponent<PlanDetails> page) => page.WaitForElement("#target-objects").GetAttribute("data-vm")!;

    [Fact]
    public void The_target_objects_link_opens_that_tab_with_the_chosen_vms_objects_as_yaml_and_no_other_vms()
    {
        var (chosen, other) = (_vms[1], _vms[0]);

        var page = Open($"/plans/{PlanName}/target-objects?vm={chosen.Id}");

        Assert.Equal("Target objects", ActiveTab(page));
        Assert.Equal(chosen.Id, ShownVm(page));
        Assert.Empty(page.FindAll(".vm-table")); // the other tab is not rendered
        var titles = page.FindAll(".target-object").Select(o => o.GetAttribute("data-object")).ToList();
        List<string> expected =
        [
            $"Secret {MigrationNames.VddkSecret(_plan, chosen.Id)}",
            .. chosen.Disks.Select(d => $"DataVolume {MigrationNames.DataVolume(_plan, chosen.Id, d.Key)}"),
        ];
        Assert.Equal(expected, titles.Take(expected.Count));
        Assert.Contains(titles, t => t!.StartsWith("VirtualMachine ", StringComparison.Ordinal));
        Assert.Contains(titles, t => t!.StartsWith("Pod ", StringComparison.Ordinal));
        var yaml = string.Join("\n", page.FindAll(".target-object-yaml").Select(p => p.TextContent));
        Assert.Contains("secretKey: <redacted>", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: VirtualMachine", yaml, StringComparison.Ordinal);
        Assert.Matches(new Regex($"vmID: {Regex.Escape(chosen.Id)}$", RegexOptions.Multiline), yaml);
        Assert.DoesNotMatch(new Regex($"vmID: {Regex.Escape(other.Id)}$", RegexOptions.Multiline), yaml);
        Assert.Equal($"/api/v1/plans/{PlanName}/manifests?vm={chosen.Id}", page.Find("#download-vm").GetAttribute("href"));
        Assert.Equal($"{PlanName}-{chosen.Name}-target-objects.yaml", page.Find("#download-vm").GetAttribute("download"));
        Assert.Equal($"/api/v1/plans/{PlanName}/manifests", page.Find("#download-all").GetAttribute("href"));
        Assert.Contains("Download all 2 VMs", page.Find("#download-all").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_tab_and_picking_a_vm_go_into_the_url_so_a_reload_shows_the_same_vm_and_the_vms_tab_has_its_own_url()
    {
        var page = Open($"/plans/{PlanName}");
        Assert.Equal("Virtual machines", ActiveTab(page));
        Assert.Empty(page.FindAll("#target-objects"));

        ClickTab(page, "Target objects");

        Assert.Equal($"/plans/{PlanName}/target-objects", Url);
        Assert.Equal(_vms[0].Id, ShownVm(page)); // the first VM by name until one is picked
        var picker = page.FindComponent<MudAutocomplete<VmTargetPreview>>();
        var search = picker.Instance.SearchFunc!(_vms[1].Name, CancellationToken.None);
        Assert.NotNull(search);
        var found = (await search).ToList();
        Assert.Contains(found, v => v.VmId == _vms[1].Id);
        Assert.DoesNotContain(found, v => !v.VmName.Contains(_vms[1].Name, StringComparison.OrdinalIgnoreCase) && !v.VmId.Contains(_vms[1].Name, StringComparison.OrdinalIgnoreCase));
        await page.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(found.Single(v => v.VmId == _vms[1].Id)));

        Assert.Equal($"/plans/{PlanName}/target-objects?vm={_vms[1].Id}", Url);
        page.WaitForAssertion(() => Assert.Equal(_vms[1].Id, ShownVm(page)));
        Assert.Contains(MigrationNames.VddkSecret(_plan, _vms[1].Id), page.Find("#target-objects").TextContent, StringComparison.Ordinal);

        var reloaded = Render<PlanDetails>(p => p.Add(x => x.Name, PlanName));
        reloaded.WaitForElement("#plan-tabs");
        Assert.Equal("Target objects", ActiveTab(reloaded));
        Assert.Equal(_vms[1].Id, ShownVm(reloaded));

        ClickTab(page, "Virtual machines");
        Assert.Equal($"/plans/{PlanName}", Url);
        page.WaitForAssertion(() => Assert.Equal("Virtual machines", ActiveTab(page)));
        Assert.Empty(page.FindAll("#target-objects"));

        ClickTab(page, "Target objects"); // back to the VM last looked at
        Assert.Equal($"/plans/{PlanName}/target-objects?vm={_vms[1].Id}", Url);
    }

    [Fact]
    public void An_unknown_vm_in_the_url_is_named_and_the_first_vm_is_shown()
    {
        var page = Open($"/plans/{PlanName}/target-objects?vm=vm-nope");

        Assert.Equal(_vms[0].Id, ShownVm(page));
        Assert.Contains("no VM with id 'vm-nope'", page.Find("#unknown-target-vm").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_copy_button_puts_that_objects_yaml_on_the_clipboard()
    {
        var page = Open($"/plans/{PlanName}/target-objects?vm={_vms[0].Id}");
        var secret = $"Secret {MigrationNames.VddkSecret(_plan, _vms[0].Id)}";
        var shown = page.Find($".target-object[data-object='{secret}'] .target-object-yaml").TextContent;

        page.Find($"button[aria-label='Copy {secret}']").Click();

        var copy = JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Equal(shown, copy.Arguments[0]);
        Assert.Contains("accessKeyId: <redacted>", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_vm_details_stay_open_when_the_rows_are_created_again_and_close_from_the_pane()
    {
        var started = await _factory.Services.GetRequiredService<MigrationCommands>().StartAsync(PlanName, "otto");
        Assert.True(started.Succeeded, started.Problem);
        await TestPlans.TickAsync(_factory);
        var page = Open($"/plans/{PlanName}");
        var vm = _vms[1];
        page.WaitForElement($"tr.vm-row[data-vm='{vm.Id}']");

        page.Find($"button[aria-label='Details of {vm.Name}']").Click();
        Assert.Single(page.FindAll($"section.vm-details-pane .vm-details[data-vm='{vm.Id}']"));

        // Leaving the tab disposes the rows as scrolling them out of the virtualized view does.
        ClickTab(page, "Target objects");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("tr.vm-row")));
        ClickTab(page, "Virtual machines");

        page.WaitForElement($"tr.vm-row[data-vm='{vm.Id}']");
        Assert.Single(page.FindAll($"section.vm-details-pane .vm-details[data-vm='{vm.Id}']"));
        Assert.Equal(["true"], page.FindAll($"button[aria-label='Details of {vm.Name}']").Select(b => b.GetAttribute("aria-expanded")));
        Assert.Empty(page.FindAll($"section.vm-details-pane .vm-details[data-vm='{_vms[0].Id}']"));

        page.Find($"button[aria-label='Close details of {vm.Name}']").Click();
        Assert.Empty(page.FindAll($"section.vm-details-pane .vm-details[data-vm='{vm.Id}']"));
        Assert.Equal(["false"], page.FindAll($"button[aria-label='Details of {vm.Name}']").Select(b => b.GetAttribute("aria-expanded")));
    }

    [Fact]
    public async Task The_run_history_shows_a_run_queued_then_started_with_its_vms_without_a_reload()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Open($"/plans/{PlanName}");
        // The click's handler waits for the confirmation, so it completes only after the dialog is answered.
        var start = page.Find("#start-plan").ClickAsync(new MouseEventArgs());
        await dialogs.WaitForElement(".mud-dialog-actions").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Start").ClickAsync(new MouseEventArgs());
        await start;
        var run = page.WaitForElement("div.run-history tr[data-run]");
        Assert.Equal(["otto", "–", "–", "Queued", "0"], run.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim()));
        var id = run.GetAttribute("data-run");

        await TestPlans.TickAsync(_factory);

        page.WaitForAssertion(() =>
        {
            var cells = page.Find($"div.run-history tr[data-run='{id}']").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
            Assert.NotEqual("–", cells[2]);
            Assert.Equal(("Running", "2"), (cells[4], cells[5]));
        });
    }
}
