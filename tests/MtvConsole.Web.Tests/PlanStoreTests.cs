using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Lab;
using MtvConsole.Web.Components.Wizard;
using MtvConsole.Web.Planning;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

public sealed class PlanStoreTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();
    private PlanStore _plans = null!;

    public async Task InitializeAsync()
    {
        _plans = _factory.Services.GetRequiredService<PlanStore>();
        await _factory.Services.GetRequiredService<ProviderStatusService>().RefreshAllAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<MtvDbContext> DbAsync() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();

    private async Task<PlanWizardState> WizardAsync(string name, bool warm = false)
    {
        await using var db = await DbAsync();
        var source = await db.Providers.SingleAsync(p => p.Name == "lab-vcenter");
        var destination = await db.Providers.SingleAsync(p => p.Name == "host");
        var inventory = await _factory.Services.GetRequiredService<LabVCenter>().GetInventoryAsync();
        var target = await _factory.Services.GetRequiredService<LabCluster>().GetInventoryAsync();
        var state = new PlanWizardState
        {
            Name = name, SourceProviderId = source.Id, DestinationProviderId = destination.Id, TargetNamespace = "prod-apps", Warm = warm,
            PostHook = HookForm.InstallQemuGuestAgent("vm-ssh"),
        };
        foreach (var vm in inventory.Vms.Where(v => v.Name.StartsWith("app-hr")).Take(1)) state.SelectedVmIds.Add(vm.Id);
        WizardNetworkStep.Prefill(state, inventory, target);
        WizardStorageStep.Prefill(state, inventory, target);
        return state;
    }

    [Fact]
    public async Task Creating_a_plan_saves_it_with_its_new_maps_and_hook_and_it_is_ready()
    {
        Assert.Null(await _plans.CreateAsync("otto", await WizardAsync("wave-1")));

        await using var db = await DbAsync();
        var plan = await db.Plans.SingleAsync();
        Assert.True(plan.IsReady, string.Join("; ", plan.Conditions.Select(c => $"{c.Type}: {c.Message} {string.Join(",", c.Items)}")));
        Assert.Equal("wave-1-network", (await db.NetworkMaps.SingleAsync(m => m.Id == plan.NetworkMapId)).Name);
        Assert.Equal("wave-1-storage", (await db.StorageMaps.SingleAsync(m => m.Id == plan.StorageMapId)).Name);
        var hook = await db.Hooks.SingleAsync();
        Assert.Equal(HookStep.PostHook, plan.Vms.Single().Hooks.Single().Step);
        Assert.Equal(hook.Id, plan.Vms.Single().Hooks.Single().HookId);
        Assert.Contains(await db.Audit.ToListAsync(), a => a.User == "otto" && a.Target == "plan/wave-1");
    }

    [Fact]
    public async Task Vms_moved_out_of_a_warm_plan_go_to_a_cold_plan_created_with_it_on_the_same_maps()
    {
        var inventory = await _factory.Services.GetRequiredService<LabVCenter>().GetInventoryAsync();
        var state = await WizardAsync("wave-1", warm: true);
        var noCbt = inventory.Vms.First(v => !v.ChangeTrackingEnabled);
        state.ColdCompanionVmIds.Add(noCbt.Id);
        WizardNetworkStep.Prefill(state, inventory, await _factory.Services.GetRequiredService<LabCluster>().GetInventoryAsync());

        Assert.Null(await _plans.CreateAsync("otto", state));

        await using var db = await DbAsync();
        var warm = await db.Plans.AsNoTracking().SingleAsync(p => p.Name == "wave-1");
        var cold = await db.Plans.AsNoTracking().SingleAsync(p => p.Name == "wave-1-cold");
        Assert.True(warm.Warm);
        Assert.False(cold.Warm);
        Assert.Equal([noCbt.Id], cold.Vms.Select(v => v.Ref.Id));
        Assert.DoesNotContain(warm.Vms, v => v.Ref.Id == noCbt.Id);
        Assert.Equal((warm.NetworkMapId, warm.StorageMapId, warm.TargetNamespace), (cold.NetworkMapId, cold.StorageMapId, cold.TargetNamespace));
        Assert.Contains(await db.Audit.ToListAsync(), a => a.Target == "plan/wave-1-cold" && a.Details.Contains("moved from warm plan wave-1", StringComparison.Ordinal));

        var again = await WizardAsync("wave-2", warm: true);
        again.Name = "wave-1";
        again.ColdCompanionVmIds.Add(noCbt.Id);
        Assert.Equal("A plan named 'wave-1' already exists.", await _plans.CreateAsync("otto", again));
        again.Name = "wave";
        await using (var db2 = await DbAsync())
        {
            db2.Plans.Add(new Plan { Name = "wave-cold", SourceProviderId = warm.SourceProviderId, DestinationProviderId = warm.DestinationProviderId, TargetNamespace = "x" });
            await db2.SaveChangesAsync();
        }

        Assert.Equal("A plan named 'wave-cold' already exists.", await _plans.CreateAsync("otto", again));
        Assert.False(await db.Plans.AnyAsync(p => p.Name == "wave"));
    }

    [Fact]
    public async Task A_duplicate_name_creates_nothing()
    {
        Assert.Null(await _plans.CreateAsync("otto", await WizardAsync("wave-1")));
        Assert.Equal("A plan named 'wave-1' already exists.", await _plans.CreateAsync("otto", await WizardAsync("wave-1")));

        await using var db = await DbAsync();
        Assert.Equal(1, await db.Plans.CountAsync());
        Assert.Equal(1, await db.NetworkMaps.CountAsync());
        Assert.Equal(1, await db.Hooks.CountAsync());
    }

    [Fact]
    public async Task Duplicate_archive_and_delete_follow_the_plan_list_rules()
    {
        Assert.Null(await _plans.CreateAsync("otto", await WizardAsync("wave-1")));
        await using var db = await DbAsync();
        var plan = await db.Plans.AsNoTracking().SingleAsync();

        Assert.Null(await _plans.DuplicateAsync("otto", plan.Id, "wave-2"));
        Assert.Equal("A plan named 'wave-2' already exists.", await _plans.DuplicateAsync("otto", plan.Id, "wave-2"));

        Assert.True((await _plans.ArchiveAsync("otto", plan.Id)).Succeeded);
        var archived = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == plan.Id);
        Assert.True(archived.Archived);
        Assert.False(archived.IsReady);
        Assert.Contains(archived.Conditions, c => c.Type == ConditionTypes.Archived);

        var copy = await db.Plans.AsNoTracking().SingleAsync(p => p.Name == "wave-2");
        var now = _factory.Time.GetUtcNow();
        db.Migrations.Add(new MigrationRun { PlanId = copy.Id, CreatedAt = now.AddHours(-1), Started = now.AddHours(-1), Completed = now,
            Vms = [new VmStatus { VmId = "vm-old", Name = "old", Started = now.AddHours(-1) }] });
        db.Migrations.Add(new MigrationRun { PlanId = copy.Id, CreatedAt = now, Started = now,
            Vms = [new VmStatus { VmId = "vm-1", Name = "app-hr-01", Phase = "CopyDisks", Started = now }] });
        await db.SaveChangesAsync();
        var summaries = await _plans.LatestRunSummariesAsync();
        Assert.Equal(new PlanRunSummary(0, 0, 0, 1, 0), Assert.Single(summaries, s => s.Key == copy.Id).Value);
        Assert.Equal("Plan 'wave-2' is running; cancel it first.", await _plans.DeleteAsync("otto", copy.Id));
        Assert.Null(await _plans.DeleteAsync("otto", plan.Id));
        Assert.False(await db.Plans.AnyAsync(p => p.Id == plan.Id));
    }

    [Fact]
    public async Task A_plan_that_has_not_run_can_be_edited_and_one_that_ran_cannot()
    {
        Assert.Null(await _plans.CreateAsync("otto", await WizardAsync("wave-1")));
        await using var db = await DbAsync();
        var plan = await db.Plans.AsNoTracking().SingleAsync();
        var state = PlanWizardState.From(plan, await db.Hooks.AsNoTracking().ToDictionaryAsync(h => h.Id));
        Assert.Contains("qemu-guest-agent", state.PostHook!.Playbook);
        var extra = (await _factory.Services.GetRequiredService<LabVCenter>().GetInventoryAsync()).Vms.First(v => v.Name.StartsWith("app-") && !state.SelectedVmIds.Contains(v.Id));
        state.SelectedVmIds.Add(extra.Id);
        state.PostHook = null;
        state.Description = "now with the billing app";

        Assert.Null(await _plans.UpdateAsync("otto", state));

        var edited = await db.Plans.AsNoTracking().SingleAsync();
        Assert.Equal(2, edited.Vms.Count);
        Assert.All(edited.Vms, v => Assert.Empty(v.Hooks));
        Assert.Equal("now with the billing app", edited.Description);
        Assert.Equal(plan.Generation + 1, edited.Generation);
        Assert.Equal(0, await db.Hooks.CountAsync());

        db.Migrations.Add(new MigrationRun { PlanId = plan.Id, CreatedAt = _factory.Time.GetUtcNow() });
        await db.SaveChangesAsync();
        Assert.Equal("Plan 'wave-1' has already run; duplicate it to change it.", await _plans.UpdateAsync("otto", state));
    }

    [Fact]
    public async Task A_warm_plan_keeps_its_precopy_interval_and_cutover_and_its_runs_start_with_them()
    {
        var state = await WizardAsync("wave-warm", warm: true);
        state.PrecopyIntervalMinutes = 5;
        state.CutoverDate = new DateTime(2026, 11, 28);
        state.CutoverTime = new TimeSpan(22, 30, 0);
        Assert.Null(await _plans.CreateAsync("otto", state));

        await using var db = await DbAsync();
        var plan = await db.Plans.AsNoTracking().SingleAsync();
        Assert.True(plan.IsReady, string.Join("; ", plan.Conditions.Select(c => c.Message)));
        Assert.Equal(5, plan.PrecopyIntervalMinutes);
        var cutover = new DateTimeOffset(2026, 11, 28, 22, 30, 0, TimeSpan.Zero);
        Assert.Equal(cutover, plan.ScheduledCutover);

        var started = await _factory.Services.GetRequiredService<MtvConsole.Core.Engine.MigrationCommands>().StartAsync("wave-warm", "otto");
        Assert.Null(started.Problem);
        Assert.Equal(5, started.Value!.PrecopyIntervalMinutes);
        Assert.Equal(cutover, started.Value.Cutover);
    }
}
