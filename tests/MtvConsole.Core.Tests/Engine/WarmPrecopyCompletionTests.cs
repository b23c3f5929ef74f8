using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// A precopy is done when CDI has copied its checkpoint, not when the DataVolume still shows the stale
/// <c>Paused</c> of the previous one (kubev2v/forklift 3f92607e9, MTV-3789). The Lab reports that stale
/// Paused for <c>CheckpointPickupSeconds</c> after each AddCheckpoint, as CDI does.
/// </summary>
public sealed class WarmPrecopyCompletionTests
{
    [Fact]
    public async Task Each_precopy_counts_the_bytes_of_its_own_copy_even_when_the_engine_takes_many_steps_a_tick()
    {
        var h = new EngineHarness { StepsPerTick = 8 };
        h.RestartEngine();
        var vm = h.HealthyVms().First();
        var plan = h.AddPlan("warm-bytes", warm: true, [vm]);

        await h.StartAsync(plan, precopyMinutes: 5);
        await h.RunUntilAsync(() => h.Vm(plan, vm).Warm!.Successes == 3 && h.Vm(plan, vm).Phase == Phases.CopyingPaused, seconds: 10);

        var precopies = h.Vm(plan, vm).Warm!.Precopies;
        Assert.Equal(3, precopies.Count);
        Assert.All(precopies, p => Assert.True(p.BytesCopied > 0, $"precopy of {p.Snapshot} counted {p.BytesCopied} bytes"));
        // The deltas are copied after CDI has picked their checkpoints up: no precopy ends in the tick it began copying.
        Assert.All(precopies.Skip(1), p => Assert.True(p.End - p.Start > TimeSpan.FromSeconds(h.World.Options.CheckpointPickupSeconds)));
        var completed = h.Events.OfType<PrecopyCompleted>().Where(e => e.VmId == vm.Id).ToList();
        Assert.Equal(precopies.Select(p => p.BytesCopied), completed.Select(e => e.BytesCopied));
    }
}
