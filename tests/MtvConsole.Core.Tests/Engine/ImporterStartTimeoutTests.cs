using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>A disk whose importer never starts fails its VM once the importer start timeout has passed, and only its VM.</summary>
public sealed class ImporterStartTimeoutTests
{
    [Fact]
    public async Task An_importer_in_ImagePullBackOff_fails_its_vm_when_the_timeout_passes_naming_the_image_and_the_fix()
    {
        var h = new EngineHarness();
        var vms = h.HealthyVms().Take(2).ToArray();
        var (target, _) = StuckImporterTarget.Wrap(h.Cluster, $"-{vms[0].Id}-");
        h.TargetAdapter = target;
        h.RestartEngine();
        var updated = await h.Commands.UpdateSettingsAsync(new EngineSettings { ImporterStartTimeoutMinutes = 5 }, "admin");
        Assert.True(updated.Succeeded, updated.Problem);
        var plan = h.AddPlan("pull", warm: false, vms);
        await h.StartAsync(plan);

        await h.RunUntilAsync(() => h.Vm(plan, vms[0]).Phase == Phases.CopyDisks);
        await h.TickAsync();
        var waitingSince = h.Time.GetUtcNow();
        await h.RunUntilAsync(() => h.Vm(plan, vms[0]).Completed is not null, seconds: 5, maxTicks: 200);

        var failed = h.Vm(plan, vms[0]);
        Assert.True(failed.HasCondition(ConditionTypes.Failed));
        Assert.Equal(Phases.CopyDisks, failed.Error!.Phase);
        Assert.InRange(failed.Completed!.Value - waitingSince, TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(10));
        Assert.Matches(
            $@"^Disk .+: the importer pod importer-\S+ could not start for 5 min: ImagePullBackOff for image {StuckImporterTarget.Image.Replace(".", @"\.", StringComparison.Ordinal)} \(Back-off pulling image "".+""\)\. Check the VDDK init image of provider 'vcenter': it must exist and be pullable from the cluster",
            failed.Error.Reasons[^1]);
        await h.RunToEndAsync(plan);
        Assert.True(h.Vm(plan, vms[1]).Succeeded, h.Vm(plan, vms[1]).Error?.Reasons.LastOrDefault());
    }

    [Fact]
    public async Task An_importer_that_starts_before_the_timeout_carries_on_and_its_wait_is_forgotten()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First();
        var (target, control) = StuckImporterTarget.Wrap(h.Cluster, $"-{vm.Id}-");
        h.TargetAdapter = target;
        h.RestartEngine();
        var plan = h.AddPlan("late-pull", warm: false, [vm]);
        await h.StartAsync(plan);

        await h.RunUntilAsync(() => h.Vm(plan, vm).Phase == Phases.CopyDisks);
        for (var i = 0; i < 9 * 12; i++) await h.TickAsync(); // 9 of the default 10 minutes
        Assert.Null(h.Vm(plan, vm).Completed);
        Assert.Contains(h.Vm(plan, vm).Pipeline.SelectMany(s => s.Tasks), t => t.Annotations.ContainsKey(ImporterStartWatch.WaitingSinceAnnotation));

        control.Stuck = false; // the image was pulled after all
        await h.RunToEndAsync(plan);

        var status = h.Vm(plan, vm);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.DoesNotContain(status.Pipeline.SelectMany(s => s.Tasks), t => t.Annotations.ContainsKey(ImporterStartWatch.WaitingSinceAnnotation));
    }
}
