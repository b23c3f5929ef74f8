using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Components.Shared;
using MtvConsole.Web.Components.Wizard;
using MtvConsole.Web.Planning;
using MudBlazor;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests.Wizard;

/// <summary>The General, Type and Migration-network steps of the plan wizard.</summary>
public sealed class WizardGeneralTypeNetworkStepTests : BunitContext, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public WizardGeneralTypeNetworkStepTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(_time);
        _popovers = Render<MudPopoverProvider>();
    }

    private readonly IRenderedComponent<MudPopoverProvider> _popovers;

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    private static VsphereInventory Source => WizardTestInventory.Source;
    private static TargetInventory Target => WizardTestInventory.Target;

    private static readonly Provider LabVcenter = new() { Name = "lab-vcenter", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab };
    private static readonly Provider Host = new() { Name = "host", Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab };

    [Fact]
    public void General_shows_each_problem_next_to_its_field_and_locks_the_name_of_an_edited_plan()
    {
        var errors = new FormErrors();
        var state = new PlanWizardState { Name = "Wave 1", TargetNamespace = "Prod" };
        PlanWizardRules.General(state, [], errors);
        var step = Render<WizardGeneralStep>(p => p.Add(s => s.State, state).Add(s => s.Providers, [LabVcenter, Host]).Add(s => s.Target, Target).Add(s => s.Errors, errors));

        Assert.Contains(errors["Name"]!, step.Markup, StringComparison.Ordinal);
        Assert.Contains("Pick the source provider.", step.Markup, StringComparison.Ordinal);
        Assert.Contains("Pick the target provider.", step.Markup, StringComparison.Ordinal);
        Assert.Contains(errors["TargetNamespace"]!, step.Markup, StringComparison.Ordinal);
        Assert.False(step.Find("#plan-name").HasAttribute("disabled"));

        state.EditingPlanId = Guid.NewGuid();
        var edited = Render<WizardGeneralStep>(p => p.Add(s => s.State, state).Add(s => s.Providers, [LabVcenter, Host]).Add(s => s.Errors, new FormErrors()));
        Assert.True(edited.Find("#plan-name").HasAttribute("disabled"));
    }

    [Fact]
    public async Task General_reports_the_chosen_source_provider_and_suggests_matching_namespaces()
    {
        Guid? chosen = null;
        var step = Render<WizardGeneralStep>(p => p.Add(s => s.State, new PlanWizardState()).Add(s => s.Providers, [LabVcenter, Host]).Add(s => s.Target, Target)
            .Add(s => s.Errors, new FormErrors()).Add(s => s.SourceChanged, (Guid id) => chosen = id));

        var source = step.FindComponents<MudSelect<Guid>>().First();
        await step.InvokeAsync(() => source.Instance.ValueChanged.InvokeAsync(LabVcenter.Id));

        Assert.Equal(LabVcenter.Id, chosen);
        var all = Target.Namespaces.Select(n => n.Name).ToList();
        Assert.Equal(all.Order(), WizardGeneralStep.MatchingNamespaces(Target, " "));
        var part = all[0][..Math.Min(3, all[0].Length)].ToUpperInvariant();
        Assert.Equal(all.Where(n => n.Contains(part, StringComparison.OrdinalIgnoreCase)).Order(), WizardGeneralStep.MatchingNamespaces(Target, part));
    }

    [Fact]
    public async Task Choosing_warm_on_a_lab_source_suggests_a_one_minute_precopy_interval()
    {
        var state = new PlanWizardState();
        var step = Render<WizardTypeStep>(p => p.Add(s => s.State, state).Add(s => s.Source, Source).Add(s => s.LabSource, true).Add(s => s.Errors, new FormErrors()));

        await step.InvokeAsync(() => step.FindComponent<MudRadioGroup<bool>>().Instance.ValueChanged.InvokeAsync(true));

        Assert.True(state.Warm);
        Assert.Equal(1, state.PrecopyIntervalMinutes);
        Assert.Contains("Lab: 1 minute", step.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_warm_on_a_real_vcenter_keeps_the_engine_interval()
    {
        var state = new PlanWizardState();
        var step = Render<WizardTypeStep>(p => p.Add(s => s.State, state).Add(s => s.Source, Source).Add(s => s.LabSource, false).Add(s => s.Errors, new FormErrors()));

        await step.InvokeAsync(() => step.FindComponent<MudRadioGroup<bool>>().Instance.ValueChanged.InvokeAsync(true));

        Assert.Null(state.PrecopyIntervalMinutes);
        Assert.Contains("Empty: the engine setting (60)", step.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_past_cutover_time_warns_that_cutover_follows_the_first_precopy()
    {
        var state = new PlanWizardState { Warm = true, CutoverDate = _time.GetUtcNow().UtcDateTime.Date, CutoverTime = TimeSpan.FromHours(8) };
        var step = Render<WizardTypeStep>(p => p.Add(s => s.State, state).Add(s => s.Source, Source).Add(s => s.Errors, new FormErrors()));

        Assert.Contains("That time has passed", step.Find("#cutover-passed").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vms_without_cbt_move_to_a_cold_plan_and_come_back_when_the_plan_turns_cold()
    {
        var noCbt = Source.Vms.Where(v => !v.ChangeTrackingEnabled || v.Disks.Any(d => !d.ChangeTrackingEnabled)).Take(2).Select(v => v.Id).ToList();
        var withCbt = Source.Vms.First(v => v.ChangeTrackingEnabled && v.Disks.All(d => d.ChangeTrackingEnabled)).Id;
        Assert.Equal(2, noCbt.Count);
        var state = new PlanWizardState { Name = "wave-1", Warm = true, PrecopyIntervalMinutes = 30 };
        foreach (var id in noCbt.Append(withCbt)) state.SelectedVmIds.Add(id);
        var step = Render<WizardTypeStep>(p => p.Add(s => s.State, state).Add(s => s.Source, Source).Add(s => s.Errors, new FormErrors()));

        await step.Find("#move-no-cbt").ClickAsync(new MouseEventArgs());

        Assert.Equal([withCbt], state.SelectedVmIds);
        Assert.Equal(noCbt.Order(), state.ColdCompanionVmIds.Order());
        Assert.Contains("wave-1-cold", step.Find("#cold-companion").TextContent, StringComparison.Ordinal);
        Assert.Empty(step.FindAll("#warm-cbt-warning"));

        var errors = new FormErrors();
        PlanWizardRules.Type(state, errors, ["wave-1-cold"]);
        Assert.Equal("A plan named 'wave-1-cold' already exists, so the VMs without CBT cannot move to a new cold plan of that name; rename this plan or keep them here.",
            errors[nameof(PlanWizardState.ColdCompanionVmIds)]);

        await step.InvokeAsync(() => step.FindComponent<MudRadioGroup<bool>>().Instance.ValueChanged.InvokeAsync(false));

        Assert.Empty(state.ColdCompanionVmIds);
        Assert.Equal(noCbt.Append(withCbt).Order(), state.SelectedVmIds.Order());
    }

    [Fact]
    public async Task On_a_real_vcenter_the_warm_step_offers_to_enable_cbt_on_exactly_the_vms_without_it()
    {
        var noCbt = Source.Vms.Where(v => !v.ChangeTrackingEnabled || v.Disks.Any(d => !d.ChangeTrackingEnabled)).Take(2).Select(v => v.Id).ToList();
        var withCbt = Source.Vms.First(v => v.ChangeTrackingEnabled && v.Disks.All(d => d.ChangeTrackingEnabled)).Id;
        var state = new PlanWizardState { Warm = true };
        foreach (var id in noCbt.Append(withCbt)) state.SelectedVmIds.Add(id);
        IReadOnlyList<string>? asked = null;
        var step = Render<WizardTypeStep>(p => p.Add(s => s.State, state).Add(s => s.Source, Source).Add(s => s.LabSource, false)
            .Add(s => s.Errors, new FormErrors()).Add(s => s.EnableCbt, (IReadOnlyList<string> ids) => asked = ids));

        await step.Find("#enable-cbt").ClickAsync(new MouseEventArgs());

        Assert.Equal(noCbt.Order(), asked!.Order());
        var lab = Render<WizardTypeStep>(p => p.Add(s => s.State, state).Add(s => s.Source, Source).Add(s => s.LabSource, true)
            .Add(s => s.Errors, new FormErrors()).Add(s => s.EnableCbt, (IReadOnlyList<string> _) => { }));
        Assert.Empty(lab.FindAll("#enable-cbt"));
    }

    [Fact]
    public void An_edited_plan_offers_only_to_remove_vms_without_cbt()
    {
        var state = new PlanWizardState { Warm = true, EditingPlanId = Guid.NewGuid() };
        state.SelectedVmIds.Add(Source.Vms.First(v => !v.ChangeTrackingEnabled || v.Disks.Any(d => !d.ChangeTrackingEnabled)).Id);
        var step = Render<WizardTypeStep>(p => p.Add(s => s.State, state).Add(s => s.Source, Source).Add(s => s.Errors, new FormErrors()));

        Assert.Empty(step.FindAll("#move-no-cbt"));
        Assert.Single(step.FindAll("#deselect-no-cbt"));
    }

    [Fact]
    public void Migration_network_lists_each_host_with_where_its_disks_are_read()
    {
        var vms = Source.Vms.GroupBy(v => v.HostId).Take(2).Select(g => g.First()).ToList();
        var state = new PlanWizardState();
        foreach (var vm in vms) state.SelectedVmIds.Add(vm.Id);
        var ready = new MigrationNetworkHost { Name = "esx-1", HostRef = Ref.ById(vms[0].HostId), IpAddress = "10.10.0.11" };
        ready.Conditions.Add(new Condition { Type = ConditionTypes.Ready, Category = ConditionCategory.Required, Message = "The host is ready." });

        var step = Render<WizardMigrationNetworkStep>(p => p.Add(s => s.State, state).Add(s => s.Source, Source).Add(s => s.Target, Target)
            .Add(s => s.MigrationHosts, [ready]));

        var rows = step.FindAll("#source-hosts tbody tr").Select(r => r.TextContent).ToList();
        var first = Source.FindHost(vms[0].HostId)!.Name;
        var second = Source.FindHost(vms[1].HostId)!.Name;
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains(first, StringComparison.Ordinal) && r.Contains("migration network 10.10.0.11", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(second, StringComparison.Ordinal) && r.Contains("vCenter (management network)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migration_network_offers_the_pod_network_and_every_nad_of_the_target()
    {
        var state = new PlanWizardState();
        var step = Render<WizardMigrationNetworkStep>(p => p.Add(s => s.State, state).Add(s => s.Source, Source).Add(s => s.Target, Target));
        var select = step.FindComponent<MudSelect<string>>();

        await step.InvokeAsync(() => select.Instance.OpenMenu());

        var items = _popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).ToList();
        Assert.Equal(["Pod network (default)", .. Target.NetworkAttachmentDefinitions.Select(n => n.QualifiedName).Order()], items);
        var nad = Target.NetworkAttachmentDefinitions[0].QualifiedName;
        await step.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(nad));
        Assert.Equal(nad, state.TransferNetwork);
    }
}
