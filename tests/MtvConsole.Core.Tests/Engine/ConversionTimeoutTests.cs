using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Engine;

public sealed class ConversionTimeoutTests
{
    [Fact]
    public async Task A_conversion_that_never_ends_fails_its_vm_at_the_timeout_naming_the_pod_and_what_to_check()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        h.TargetAdapter = NeverExitingConversionTarget.Wrap(h.Cluster);
        h.RestartEngine();
        var updated = await h.Commands.UpdateSettingsAsync(new EngineSettings { ConversionTimeoutMinutes = 30 }, "admin");
        Assert.True(updated.Succeeded, updated.Problem);
        var plan = h.AddPlan("stuck-conversion", warm: false, [vm]);
        await h.StartAsync(plan);

        await h.RunUntilAsync(() => h.Vm(plan, vm).Phase == Phases.ConvertGuest);
        var started = h.Vm(plan, vm).Pipeline.Single(s => s.Name == PipelineSteps.ImageConversion).Started!.Value;
        await h.RunUntilAsync(() => h.Time.GetUtcNow() - started >= TimeSpan.FromMinutes(29));
        Assert.Equal(Phases.ConvertGuest, h.Vm(plan, vm).Phase);
        Assert.Equal(PodPhase.Running, (await h.Cluster.GetPodAsync("vm-imports", MigrationNames.ConversionPod(plan, vm.Id)))!.Phase);

        await h.RunToEndAsync(plan);

        var failed = h.Vm(plan, vm);
        Assert.True(failed.HasCondition(ConditionTypes.Failed));
        Assert.Equal(Phases.ConvertGuest, failed.Error!.Phase);
        var reason = failed.Error.Reasons[^1];
        Assert.StartsWith("Guest conversion did not finish within 30 minutes", reason, StringComparison.Ordinal);
        Assert.Contains($"pod 'vm-imports/{MigrationNames.ConversionPod(plan, vm.Id)}' is still Running", reason, StringComparison.Ordinal);
        Assert.Contains("waits for /shutdown", reason, StringComparison.Ordinal);
        Assert.InRange(h.Time.GetUtcNow() - started, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(31));
    }

    [Fact]
    public void The_timeout_must_be_at_least_a_minute()
    {
        Assert.Equal(240, new EngineSettings().ConversionTimeoutMinutes);
        Assert.Equal("The guest conversion timeout must be at least 1 minute.", new EngineSettings { ConversionTimeoutMinutes = 0 }.Problem());
    }
}
