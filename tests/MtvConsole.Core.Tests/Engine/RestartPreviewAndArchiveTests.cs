using MtvConsole.Core.Auditing;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;

namespace MtvConsole.Core.Tests.Engine;

public sealed class RestartPreviewAndArchiveTests
{
    [Fact]
    public async Task Preview_lists_kept_vms_and_the_leftovers_of_failed_ones_and_archive_removes_them()
    {
        var h = new EngineHarness();
        var vms = h.HealthyVms().Take(2).ToArray();
        h.SourceAdapter = new FaultySource(h.VCenter, n => n > 1, onlyVmId: vms[1].Id);
        h.RestartEngine();
        var plan = h.AddPlan("wave", warm: true, vms);
        await h.StartAsync(plan, cutover: h.Time.GetUtcNow().AddHours(4), precopyMinutes: 30);

        await h.RunUntilAsync(() => h.Vm(plan, vms[0]).Phase == Phases.CopyDisks, seconds: 15);
        Assert.Equal("Plan 'wave' has a run in progress; it can be restarted when the run ends or after it is canceled.",
            (await h.Commands.PreviewRestartAsync("wave")).Problem);
        Assert.Equal("Plan 'wave' has a run in progress; it can be archived when the run ends or after it is canceled.",
            (await h.Commands.ArchiveAsync("wave", "ops")).Problem);

        await h.RunToEndAsync(plan, seconds: 15);
        Assert.True(h.Vm(plan, vms[0]).Succeeded);
        Assert.True(h.Vm(plan, vms[1]).HasCondition(ConditionTypes.Failed));

        var preview = (await h.Commands.PreviewRestartAsync("wave")).Value!;
        var kept = Assert.Single(preview.Kept);
        Assert.Equal((vms[0].Id, ConditionTypes.Succeeded), (kept.VmId, kept.Previously));
        var again = Assert.Single(preview.RunAgain);
        Assert.Equal((vms[1].Id, ConditionTypes.Failed), (again.VmId, again.Previously));
        var dataVolumes = vms[1].Disks.Select(d => $"DataVolume vm-imports/{MigrationNames.DataVolume(plan, vms[1].Id, d.Key)}").ToList();
        Assert.All(dataVolumes, dv => Assert.Contains(dv, again.Leftovers));
        Assert.DoesNotContain(again.Leftovers, l => l.StartsWith("VirtualMachine", StringComparison.Ordinal));

        var outcome = (await h.Commands.ArchiveAsync("wave", "ops")).Value!;
        Assert.Equal([vms[1].Name], outcome.CleanedVms);
        Assert.Empty(outcome.Problems);
        foreach (var disk in vms[1].Disks)
        {
            Assert.Null(await h.Cluster.GetDataVolumeAsync("vm-imports", MigrationNames.DataVolume(plan, vms[1].Id, disk.Key)));
        }

        Assert.NotNull(await h.Cluster.GetVirtualMachineAsync("vm-imports", MigrationNames.TargetVm(vms[0].Name)));
        Assert.True(h.Store.Plans[plan.Id].Archived);
        Assert.Contains(h.Audit.Entries, e => e is { Action: AuditActions.Archive, Target: "plan/wave", Succeeded: true });
        Assert.Equal("Plan 'wave' is archived.", (await h.Commands.StartAsync("wave", "ops")).Problem);
        Assert.Equal("Plan 'wave' is archived.", (await h.Commands.PreviewRestartAsync("wave")).Problem);
    }

    [Fact]
    public async Task A_plan_that_never_ran_has_no_restart_preview_and_archives_without_clean_up()
    {
        var h = new EngineHarness();
        var plan = h.AddPlan("fresh", warm: false, h.HealthyVms().Take(1));

        Assert.Equal("Plan 'fresh' has not run yet; start it instead.", (await h.Commands.PreviewRestartAsync("fresh")).Problem);
        Assert.Equal("No plan named 'nope'.", (await h.Commands.PreviewRestartAsync("nope")).Problem);
        var outcome = (await h.Commands.ArchiveAsync("fresh", "ops")).Value!;
        Assert.Empty(outcome.CleanedVms);
        Assert.True(h.Store.Plans[plan.Id].Archived);
        Assert.Equal("Plan 'fresh' is archived.", (await h.Commands.ArchiveAsync("fresh", "ops")).Problem);
    }
}
