using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;

namespace MtvConsole.Core.Tests.Engine;

public sealed class ImporterRetryTests
{
    [Fact]
    public async Task An_importer_restarting_more_than_the_setting_allows_fails_only_its_vm_at_the_next_decision()
    {
        var h = new EngineHarness();
        var vms = h.HealthyVms().Take(2).ToArray();
        h.TargetAdapter = RestartingImporterTarget.Wrap(h.Cluster, $"-{vms[0].Id}-", restartCount: 3);
        h.RestartEngine();
        var plan = h.AddPlan("importer", warm: false, vms);
        await h.StartAsync(plan);

        await h.RunUntilAsync(() => h.Vm(plan, vms[0]).Phase == Phases.CopyDisks);
        await h.TickAsync();
        await h.TickAsync();
        Assert.Equal(Phases.CopyDisks, h.Vm(plan, vms[0]).Phase); // 3 restarts are within the default limit of 3

        var updated = await h.Commands.UpdateSettingsAsync(new EngineSettings { ImporterRetries = 2 }, "admin");
        Assert.True(updated.Succeeded, updated.Problem);
        await h.RunToEndAsync(plan);

        var failed = h.Vm(plan, vms[0]);
        Assert.True(failed.HasCondition(ConditionTypes.Failed));
        Assert.Equal(Phases.CopyDisks, failed.Error!.Phase);
        Assert.Matches(@"^Disk .+: the importer restarted 3 times \(limit 2\): Unable to connect to vddk data source: timed out$", failed.Error.Reasons[^1]);
        Assert.True(h.Vm(plan, vms[1]).Succeeded, h.Vm(plan, vms[1]).Error?.Reasons.LastOrDefault());
    }
}
