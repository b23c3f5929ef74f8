using MtvConsole.Core.Engine;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// The promise to a new user: on the Lab's default settings, a warm plan of a small VM with a 1-minute
/// precopy interval shows two precopies and completes its cutover within five minutes, with the engine
/// ticking as the console does (every 3 s, several immediate transitions per tick).
/// </summary>
public sealed class LabWarmDemoTests
{
    private const double ConsoleTickSeconds = 3;
    private const int ConsoleStepsPerTick = 8;

    [Fact]
    public async Task A_small_warm_vm_shows_two_precopies_and_completes_cutover_within_five_minutes()
    {
        var h = new EngineHarness { StepsPerTick = ConsoleStepsPerTick };
        h.RestartEngine();
        var vm = h.HealthyVms(v => v.GuestId is "rhel8_64Guest" or "rhel9_64Guest").OrderBy(v => v.Disks.Sum(d => d.CapacityBytes)).First();
        var plan = h.AddPlan("demo", warm: true, [vm]);
        var start = h.Time.GetUtcNow();

        await h.StartAsync(plan, precopyMinutes: 1);
        await h.RunUntilAsync(() => h.Vm(plan, vm).Warm?.Precopies.Count(p => p.End is not null) >= 2, ConsoleTickSeconds);
        await h.Commands.SetCutoverAsync("demo", h.Time.GetUtcNow(), null, "user");
        await h.RunToEndAsync(plan, ConsoleTickSeconds);

        var status = h.Vm(plan, vm);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.InRange((status.Completed!.Value - start).TotalSeconds, 60, 300);
    }

    [Fact]
    public async Task Several_steps_per_tick_reach_the_same_end_in_fewer_ticks()
    {
        async Task<(int Ticks, string[] Phases)> RunAsync(int stepsPerTick)
        {
            var h = new EngineHarness { StepsPerTick = stepsPerTick };
            h.RestartEngine();
            var vm = h.HealthyVms(v => v.GuestId is "rhel8_64Guest" or "rhel9_64Guest").OrderBy(v => v.Disks.Sum(d => d.CapacityBytes)).First();
            var plan = h.AddPlan("cold", warm: false, [vm]);
            await h.StartAsync(plan);
            var ticks = 0;
            await h.RunUntilAsync(() => h.Runs(plan).All(r => r.Completed is not null), betweenTicks: () =>
            {
                ticks++;
                return Task.CompletedTask;
            });
            Assert.True(h.Vm(plan, vm).Succeeded);
            return (ticks, h.Events.OfType<VmPhaseChanged>().Select(e => e.To).ToArray());
        }

        var one = await RunAsync(1);
        var eight = await RunAsync(8);

        Assert.Equal(one.Phases, eight.Phases);
        Assert.True(eight.Ticks < one.Ticks, $"{eight.Ticks} ticks with 8 steps per tick, {one.Ticks} with 1");
    }
}
