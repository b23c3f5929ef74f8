using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Validation;
using MtvConsole.Core.Validation.Custom;
using MtvConsole.Lab;
using MtvConsole.Lab.Generation;
using MtvConsole.Web.Providers;
using MtvConsole.Web.Validation;
using MudBlazor;
using MudBlazor.Services;
using ValidationPage = MtvConsole.Web.Components.Pages.Validation;

namespace MtvConsole.Web.Tests;

public sealed class ValidationPageTests : BunitContext, IAsyncLifetime
{
    private static readonly Guid Provider = Guid.NewGuid();
    private readonly string _ackFile = Path.Combine(Path.GetTempPath(), $"mtv-acks-{Guid.NewGuid():N}.json");
    private readonly ValidationService _validation = new(new InMemoryConcernStore(), new FakeTimeProvider());
    private readonly CountingRecheck _recheck;
    private readonly List<PlanVms> _plans = [];
    private readonly BunitAuthorizationContext _auth;
    private readonly FakeChangeTracking _cbt = new();

    public ValidationPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();

        _validation.Sync(Provider, "lab-vcenter", LabInventoryGenerator.Generate(new LabOptions { VmCount = 60 }).Vsphere);
        _recheck = new CountingRecheck(_validation);
        var acks = new JsonAcknowledgementStore(_ackFile, new FakeTimeProvider(), Microsoft.Extensions.Logging.Abstractions.NullLogger<JsonAcknowledgementStore>.Instance);
        Services.AddSingleton(_validation);
        Services.AddSingleton<IAcknowledgementStore>(acks);
        Services.AddSingleton(new ConcernAcknowledgements(acks, _validation.Store, new NoAudit(), new FakeTimeProvider()));
        Services.AddSingleton<IPlanLookup>(new Plans(_plans));
        Services.AddSingleton<IValidationRecheck>(_recheck);
        Services.AddSingleton<IChangeTrackingActions>(_cbt);
        _auth = AddAuthorization();
        _auth.SetAuthorized("ada").SetRoles("operator");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_ackFile);
    }

    private IRenderedComponent<ValidationPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<ValidationPage>();
    }

    private VmValidation FirstWith(string ruleId) =>
        _validation.Store.All().Where(v => v.Concerns.Any(c => c.Id == ruleId)).OrderBy(v => v.VmName, StringComparer.OrdinalIgnoreCase).First();

    [Fact]
    public void Concerns_are_grouped_by_rule_with_category_and_affected_vm_count_critical_first()
    {
        var page = RenderPage();

        var rows = page.FindAll("tr.concern-group");
        var rdm = page.Find("tr.concern-group[data-rule='vmware.disk.rdm.detected']");
        var expected = _validation.Store.All().Count(v => v.Concerns.Any(c => c.Id == "vmware.disk.rdm.detected"));
        Assert.Contains("Raw Device Mapped disk detected", rdm.TextContent);
        Assert.Equal(expected.ToString(), rdm.QuerySelector("td.affected")!.TextContent);
        Assert.Contains("concern-critical", rdm.InnerHtml);
        Assert.Contains("concern-critical", rows[0].InnerHtml);
        Assert.Contains("60 VMs validated", page.Find("#summary").TextContent);
    }

    [Fact]
    public async Task A_group_drills_down_to_its_vms_and_a_vm_shows_all_its_concerns()
    {
        var page = RenderPage();
        var vm = FirstWith("vmware.disk.rdm.detected");

        await page.Find("tr.concern-group[data-rule='vmware.disk.rdm.detected']").ClickAsync(new MouseEventArgs());
        var vmRow = page.Find($"tr.affected-vm[data-vm='{vm.VmId}']");
        Assert.Contains(vm.VmName, vmRow.TextContent);
        await vmRow.ClickAsync(new MouseEventArgs());

        var panel = page.Find("#vm-panel");
        Assert.Contains(vm.VmName, panel.TextContent);
        Assert.Equal(vm.Concerns.Select(c => c.Id), page.FindAll("#vm-panel tr.vm-concern").Select(r => r.GetAttribute("data-concern")));
    }

    [Fact]
    public async Task An_operator_acknowledges_a_critical_concern_with_a_reason_and_can_withdraw_it()
    {
        var page = RenderPage();
        var vm = _validation.Store.All().First(v =>
            v.Concerns.Where(c => c.Category == ConcernCategory.Critical).Select(c => c.Id).Distinct().SequenceEqual(["vmware.disk.rdm.detected"]));
        var blockedBefore = _validation.Store.All().Count(v => v.Concerns.Any(c => c.Category == ConcernCategory.Critical));
        Assert.Contains($"{blockedBefore} VMs blocked", page.Find("#summary").TextContent);
        await page.Find("tr.concern-group[data-rule='vmware.disk.rdm.detected']").ClickAsync(new MouseEventArgs());
        await page.Find($"tr.affected-vm[data-vm='{vm.VmId}']").ClickAsync(new MouseEventArgs());

        await page.Find("#ack-reason").InputAsync(new ChangeEventArgs { Value = "RDM replaced by a vmdk before cutover" });
        await page.Find("#ack-vmware\\.disk\\.rdm\\.detected").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("Acknowledged by ada: RDM replaced by a vmdk before cutover", page.Find("#vm-panel").TextContent));
        var ack = Services.GetRequiredService<IAcknowledgementStore>().Find(Provider, vm.VmId, "vmware.disk.rdm.detected");
        Assert.Equal("ada", ack!.User);
        Assert.Contains($"{blockedBefore - 1} VMs blocked", page.Find("#summary").TextContent);

        await page.Find("#ack-reason").InputAsync(new ChangeEventArgs { Value = "RDM still attached" });
        await page.Find("#withdraw-vmware\\.disk\\.rdm\\.detected").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#vm-panel .ack-note")));
        Assert.Null(Services.GetRequiredService<IAcknowledgementStore>().Find(Provider, vm.VmId, "vmware.disk.rdm.detected"));
    }

    [Fact]
    public async Task A_viewer_sees_the_concerns_but_cannot_acknowledge()
    {
        _auth.SetRoles("viewer");
        var page = RenderPage();
        var vm = FirstWith("vmware.disk.rdm.detected");
        await page.Find("tr.concern-group[data-rule='vmware.disk.rdm.detected']").ClickAsync(new MouseEventArgs());
        await page.Find($"tr.affected-vm[data-vm='{vm.VmId}']").ClickAsync(new MouseEventArgs());

        Assert.NotEmpty(page.FindAll("#vm-panel tr.vm-concern"));
        Assert.Empty(page.FindAll("#vm-panel button"));
        Assert.Empty(page.FindAll("#ack-reason"));
    }

    [Fact]
    public async Task Finding_a_vm_by_name_opens_its_concerns()
    {
        var page = RenderPage();
        var vm = FirstWith("vmware.disk.rdm.detected");

        await page.Find("#vm-search").InputAsync(new ChangeEventArgs { Value = vm.VmName.ToUpperInvariant() });
        await page.Find($"tr.search-vm[data-vm='{vm.VmId}']").ClickAsync(new MouseEventArgs());

        Assert.Equal(vm.Concerns.Select(c => c.Id), page.FindAll("#vm-panel tr.vm-concern").Select(r => r.GetAttribute("data-concern")));
    }

    [Fact]
    public async Task Re_check_now_revalidates()
    {
        var page = RenderPage();

        await page.Find("#recheck").ClickAsync(new MouseEventArgs());

        Assert.Equal(1, _recheck.Calls);
    }

    [Fact]
    public async Task A_plan_filter_lists_the_plans_blockers()
    {
        var blocked = FirstWith("vmware.disk.rdm.detected");
        var clean = _validation.Store.All().First(v => v.Concerns.All(c => c.Category != ConcernCategory.Critical));
        _plans.Add(new PlanVms("pilot", Provider, false, [blocked.VmId, clean.VmId], []));
        var page = RenderPage();

        var planSelect = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Plan");
        await page.InvokeAsync(() => planSelect.Instance.ValueChanged.InvokeAsync("pilot"));

        page.WaitForAssertion(() => Assert.Contains($"{blocked.VmName} (Raw Device Mapped disk detected)", page.Find("#plan-blockers").TextContent));
        Assert.Contains("2 VMs validated", page.Find("#summary").TextContent);
    }

    [Fact]
    public async Task Provider_category_and_concern_filters_narrow_the_groups_and_their_counts()
    {
        var other = Guid.NewGuid();
        _validation.Sync(other, "dr-vcenter", LabInventoryGenerator.Generate(new LabOptions { VmCount = 60 }).Vsphere);
        var page = RenderPage();
        Assert.Contains("120 VMs validated", page.Find("#summary").TextContent);
        var rdmInDr = _validation.Store.ForProvider(other).Count(v => v.Concerns.Any(c => c.Id == "vmware.disk.rdm.detected"));
        Assert.True(rdmInDr > 0);

        await ChooseAsync(page, "Provider", "dr-vcenter");
        page.WaitForAssertion(() => Assert.Contains("60 VMs validated", page.Find("#summary").TextContent));
        Assert.Equal(rdmInDr.ToString(), page.Find("tr.concern-group[data-rule='vmware.disk.rdm.detected'] td.affected").TextContent);

        await ChooseAsync(page, "Category", nameof(ConcernCategory.Warning));
        page.WaitForAssertion(() => Assert.All(page.FindAll("tr.concern-group"), row => Assert.Contains("concern-warning", row.InnerHtml)));
        Assert.NotEmpty(page.FindAll("tr.concern-group"));
        Assert.Empty(page.FindAll("tr.concern-group[data-rule='vmware.disk.rdm.detected']"));

        await ChooseAsync(page, "Category", "");
        await ChooseAsync(page, "Concern", "vmware.disk.rdm.detected");
        page.WaitForAssertion(() => Assert.Equal("vmware.disk.rdm.detected", Assert.Single(page.FindAll("tr.concern-group")).GetAttribute("data-rule")));
        Assert.Equal(rdmInDr.ToString(), page.Find("tr.concern-group td.affected").TextContent);

        await ChooseAsync(page, "Category", nameof(ConcernCategory.Information));
        page.WaitForAssertion(() => Assert.Contains("No concerns match the filters.", page.Find("#concern-groups").TextContent));
    }

    private static Task ChooseAsync(IRenderedComponent<ValidationPage> page, string label, string value)
    {
        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == label);
        return page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    [Fact]
    public async Task Category_chips_have_the_colour_and_icon_of_the_vm_tables_badges()
    {
        var page = RenderPage();
        var vm = FirstWith("vmware.disk.rdm.detected");
        await page.Find("tr.concern-group[data-rule='vmware.disk.rdm.detected']").ClickAsync(new MouseEventArgs());

        var groupChip = page.Find("tr.concern-group[data-rule='vmware.disk.rdm.detected'] .concern-critical");
        var vmBadge = page.Find($"tr.affected-vm[data-vm='{vm.VmId}'] .concern-critical");
        var tableBadge = Render<MtvConsole.Web.Components.Shared.VmConcernBadges>(p => p.Add(c => c.Concerns, vm.Concerns)).Find(".concern-critical");

        foreach (var chip in new[] { vmBadge, tableBadge })
        {
            Assert.Equal(ColourClass(groupChip), ColourClass(chip));
            Assert.Equal(groupChip.QuerySelector("svg")!.InnerHtml, chip.QuerySelector("svg")!.InnerHtml);
        }
        Assert.NotEqual(ColourClass(groupChip), ColourClass(page.FindAll("tr.concern-group .concern-warning")[0]));
    }

    private static string ColourClass(AngleSharp.Dom.IElement chip) =>
        Assert.Single(chip.ClassList, c => c.StartsWith("mud-chip-color-", StringComparison.Ordinal));

    [Fact]
    public void Custom_rule_errors_are_shown_and_new_rules_appear_live()
    {
        var page = RenderPage();

        _validation.SetCustomRules(CustomRulesParser.Parse("""
            rules:
              - id: custom.all
                category: Information
                label: Every VM
                assessment: Raised for every VM with a name.
                when: { field: name, exists: true }
              - id: custom.bad
                category: Nope
                label: Bad
                assessment: Bad.
                when: { field: name, exists: true }
            """, []));

        page.WaitForAssertion(() => Assert.Equal("60", page.Find("tr.concern-group[data-rule='custom.all'] td.affected").TextContent));
        Assert.StartsWith("Custom rule 'custom.bad', line 8: unknown category 'Nope'", page.Find(".rule-error").TextContent);
        Assert.Contains($"Rules version {_validation.Rules.Version}", page.Find("#rules-version").TextContent);
    }

    private IReadOnlyList<VmValidation> WithCbtConcern() =>
        [.. _validation.Store.All().Where(v => v.Concerns.Any(c => c.Id is "vmware.changed_block_tracking.disabled" or "vmware.changed_block_tracking.disk.disabled"))];

    [Fact]
    public void Enable_cbt_is_offered_only_to_operators_for_vms_of_a_real_vsphere_provider()
    {
        var labOnly = RenderPage();
        Assert.Empty(labOnly.FindAll("#cbt-panel"));
        Assert.Empty(labOnly.FindAll("input.cbt-select"));

        _cbt.Capable.Add(Provider);
        _auth.SetRoles("viewer");
        Assert.Empty(Render<ValidationPage>().FindAll("#cbt-panel"));

        _auth.SetRoles("operator");
        Assert.Contains($"Select the {WithCbtConcern().Count} VMs with a CBT concern", Render<ValidationPage>().Find("#select-cbt").TextContent);
    }

    [Fact]
    public async Task Selecting_the_vms_with_a_cbt_concern_confirms_per_provider_and_shows_each_vms_outcome_then_revalidates()
    {
        _cbt.Capable.Add(Provider);
        var cbtVms = WithCbtConcern();
        Assert.True(cbtVms.Count >= 2);
        _cbt.Fail[cbtVms[0].VmId] = "A general system error occurred: vm is locked";
        var page = RenderPage();

        await page.Find("#select-cbt").ClickAsync(new MouseEventArgs());
        await page.Find("tr.concern-group[data-rule='vmware.changed_block_tracking.disabled']").ClickAsync(new MouseEventArgs());
        Assert.All(page.FindAll("tr.affected-vm input.cbt-select"), box => Assert.True(box.HasAttribute("checked")));
        await page.Find("#enable-cbt").ClickAsync(new MouseEventArgs());

        Assert.Contains($"Enable changed block tracking on {cbtVms.Count} VMs of provider lab-vcenter?", page.Find("#cbt-confirm").TextContent);
        Assert.Empty(_cbt.Calls);
        await page.Find("#cbt-confirm-yes").ClickAsync(new MouseEventArgs());

        var call = Assert.Single(_cbt.Calls);
        Assert.Equal(("lab-vcenter", "ada"), (call.Provider, call.User));
        Assert.Equal(cbtVms.Select(v => v.VmId).Order(), call.VmIds.Order());
        page.WaitForAssertion(() => Assert.Equal(cbtVms.Count, page.FindAll("tr.cbt-result").Count));
        var failed = page.Find($"tr.cbt-result[data-vm='{cbtVms[0].VmId}']");
        Assert.Contains("Failed: A general system error occurred: vm is locked", failed.TextContent);
        Assert.Contains("CBT enabled", page.Find($"tr.cbt-result[data-vm='{cbtVms[1].VmId}']").TextContent);
        Assert.Equal(1, _recheck.Calls);
        // Only the VM that failed stays selected, to try again.
        Assert.Contains("Enable CBT on 1 selected VM", page.Find("#enable-cbt").TextContent);
    }

    [Fact]
    public async Task A_vm_ticked_in_a_concern_group_can_be_enabled_and_cancel_changes_nothing()
    {
        _cbt.Capable.Add(Provider);
        var vm = FirstWith("vmware.changed_block_tracking.disabled");
        var page = RenderPage();
        Assert.True(page.Find("#enable-cbt").HasAttribute("disabled"));

        await page.Find("tr.concern-group[data-rule='vmware.changed_block_tracking.disabled']").ClickAsync(new MouseEventArgs());
        await page.Find($"input.cbt-select[data-vm='{vm.VmId}']").ChangeAsync(new ChangeEventArgs { Value = true });
        Assert.Empty(page.FindAll("#vm-panel"));
        await page.Find("#enable-cbt").ClickAsync(new MouseEventArgs());
        Assert.Contains("Enable changed block tracking on 1 VM of provider lab-vcenter?", page.Find("#cbt-confirm").TextContent);

        await page.Find("#cbt-confirm-no").ClickAsync(new MouseEventArgs());
        Assert.Empty(page.FindAll("#cbt-confirm"));
        Assert.Empty(_cbt.Calls);

        await page.Find("#enable-cbt").ClickAsync(new MouseEventArgs());
        await page.Find("#cbt-confirm-yes").ClickAsync(new MouseEventArgs());
        Assert.Equal([vm.VmId], Assert.Single(_cbt.Calls).VmIds);
    }

    private sealed class FakeChangeTracking : IChangeTrackingActions
    {
        public HashSet<Guid> Capable { get; } = [];
        public Dictionary<string, string> Fail { get; } = [];
        public List<(string Provider, IReadOnlyList<string> VmIds, string User)> Calls { get; } = [];

        public Task<IReadOnlySet<Guid>> CapableProvidersAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlySet<Guid>>(Capable);

        public Task<CbtOutcome> EnableAsync(string providerName, IReadOnlyList<string> vmIds, string user, CancellationToken ct = default)
        {
            Calls.Add((providerName, vmIds, user));
            return Task.FromResult(new CbtOutcome([.. vmIds.Select(id => new CbtResult(id, !Fail.ContainsKey(id), Fail.GetValueOrDefault(id)))], null));
        }
    }

    private sealed class CountingRecheck(ValidationService validation) : IValidationRecheck
    {
        public int Calls { get; private set; }

        public Task<int> RecheckAsync(CancellationToken ct = default)
        {
            Calls++;
            return Task.FromResult(validation.Recheck());
        }
    }

    private sealed class Plans(List<PlanVms> plans) : IPlanLookup
    {
        public Task<IReadOnlyList<PlanVms>> PlansAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<PlanVms>>(plans);
    }

    private sealed class NoAudit : IAuditLog
    {
        public Task RecordAsync(string user, string action, string target, string details = "", bool succeeded = true, CancellationToken cancellationToken = default) =>
            Task.CompletedTask;
    }
}
