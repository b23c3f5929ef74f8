using MtvConsole.Core.Engine;
using MtvConsole.Web.Dashboard;

namespace MtvConsole.Web.Tests.Dashboard;

public sealed class ProgressCoalescerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
    private static readonly Guid Run = Guid.NewGuid();

    [Fact]
    public void Progress_of_a_vm_goes_out_at_most_once_per_interval_but_every_phase_change_goes_out_at_once_in_order()
    {
        var c = new ProgressCoalescer(TimeSpan.FromMilliseconds(250));
        c.Add(Progress("vm-1", T0));
        Assert.Equal([new VmKey(Run, "vm-1")], c.TakeDue(T0).Vms);

        // Ten readings within the interval: held back, one entry, due when the interval ends.
        for (var i = 1; i <= 10; i++) c.Add(Progress("vm-1", T0.AddMilliseconds(i * 10)));
        Assert.True(c.TakeDue(T0.AddMilliseconds(100)).IsEmpty);
        Assert.Equal(T0.AddMilliseconds(250), c.NextDue);

        // A phase change is not held back, and every change between two flushes is kept, in order.
        c.Add(new VmPhaseChanged(Run, T0, "vm-1", Phases.CopyDisks, Phases.CopyingPaused));
        c.Add(new VmPhaseChanged(Run, T0, "vm-1", Phases.CopyingPaused, Phases.RemovePreviousSnapshot));
        c.Add(new PlanStatusChanged(Guid.NewGuid(), T0, Guid.NewGuid(), "Executing"));
        var flush = c.TakeDue(T0.AddMilliseconds(120));
        Assert.Equal([Phases.CopyingPaused, Phases.RemovePreviousSnapshot], flush.PhaseChanges.Select(p => p.To));
        Assert.Equal([new VmKey(Run, "vm-1")], flush.Vms);
        Assert.Equal(2, flush.Runs.Count);
        Assert.Null(c.NextDue);
    }

    [Fact]
    public void A_finished_precopy_goes_out_at_once_and_held_back_progress_goes_out_after_the_interval()
    {
        var c = new ProgressCoalescer(TimeSpan.FromMilliseconds(250));
        c.Add(Progress("vm-1", T0));
        c.Add(Progress("vm-2", T0));
        Assert.Equal(2, c.TakeDue(T0).Vms.Count);

        c.Add(Progress("vm-1", T0.AddMilliseconds(50)));
        c.Add(new PrecopyCompleted(Run, T0, "vm-2", 1, 1024));
        Assert.Equal([new VmKey(Run, "vm-2")], c.TakeDue(T0.AddMilliseconds(60)).Vms);
        Assert.Equal([new VmKey(Run, "vm-1")], c.TakeDue(T0.AddMilliseconds(250)).Vms);
        Assert.False(c.HasWork);
    }

    private static VmProgressed Progress(string vm, DateTimeOffset at) => new(Run, at, vm, 10, 100, VmEstimate.None);
}
