using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// Admits waiting VMs (reference §6): at most <see cref="EngineSettings.MaxInFlightPerHost"/> disk
/// transfers per ESXi host, counted over every active run of the same source provider. A VM costs its
/// disk count while it copies, and nothing while paused between precopies, converting, creating the VM
/// or running the post hook. A VM with more disks than the limit starts when its host has nothing in
/// flight. Plans take turns, one VM each per round, so no plan starves another.
/// </summary>
internal static class TransferScheduler
{
    private static readonly HashSet<string> FreePhases =
        [Phases.CopyingPaused, Phases.CreateGuestConversionPod, Phases.ConvertGuest, Phases.CreateVM, Phases.PostHook, Phases.Completed];

    public static int Cost(VmStatus vm, int disks) =>
        vm.Started is null || vm.Completed is not null || FreePhases.Contains(vm.Phase) ? 0 : disks;

    /// <summary>Admits what fits; returns the VMs whose status changed (admitted, or a new waiting reason).</summary>
    public static List<(RunWork Run, VmStatus Vm)> Admit(IReadOnlyList<RunWork> runs, EngineSettings settings, DateTimeOffset now)
    {
        var changed = new List<(RunWork, VmStatus)>();
        var max = settings.MaxInFlightPerHost;
        var inFlight = new Dictionary<(Guid Provider, string Host), int>();
        var queues = new List<(RunWork Run, Queue<VmStatus> Pending)>();
        foreach (var run in runs)
        {
            var pending = new Queue<VmStatus>();
            foreach (var vm in run.Run.Vms)
            {
                var source = run.Inventory.FindVm(vm.VmId);
                if (source is null) continue;
                if (vm.Started is null && vm.Completed is null)
                {
                    pending.Enqueue(vm);
                    continue;
                }

                var key = (run.Context.Source.Id, source.HostId);
                inFlight[key] = inFlight.GetValueOrDefault(key) + Cost(vm, source.Disks.Count);
            }

            queues.Add((run, pending));
        }

        var waiting = new Dictionary<VmStatus, (RunWork Run, string Host, int InFlight)>();
        bool admitted;
        do
        {
            admitted = false;
            foreach (var (run, pending) in queues)
            {
                var skipped = new List<VmStatus>();
                while (pending.Count > 0)
                {
                    var vm = pending.Dequeue();
                    var source = run.Inventory.FindVm(vm.VmId)!;
                    var key = (run.Context.Source.Id, source.HostId);
                    var current = inFlight.GetValueOrDefault(key);
                    var disks = source.Disks.Count;
                    if (current + disks <= max || current == 0)
                    {
                        inFlight[key] = current + disks;
                        vm.Started = now;
                        vm.Phase = Phases.Started;
                        vm.Conditions.RemoveAll(c => c.Type == EngineConditions.Pending);
                        PipelineProgress.Enter(vm, Phases.Started, run.Context.Plan.Warm, now);
                        waiting.Remove(vm);
                        changed.Add((run, vm));
                        admitted = true;
                        break;
                    }

                    waiting[vm] = (run, run.Inventory.FindHost(source.HostId)?.Name ?? source.HostId, current);
                    skipped.Add(vm);
                }

                foreach (var vm in skipped.AsEnumerable().Reverse()) Requeue(pending, vm);
            }
        }
        while (admitted);

        foreach (var (vm, (run, host, current)) in waiting)
        {
            var message = $"Waiting for a transfer slot on host {host}, limit {max} ({current} disk transfers in flight).";
            var existing = vm.Conditions.FirstOrDefault(c => c.Type == EngineConditions.Pending);
            if (existing?.Message == message) continue;
            var set = new ConditionSet(vm.Conditions);
            set.Set(new Condition { Type = EngineConditions.Pending, Category = ConditionCategory.Advisory, Reason = "InFlightLimit", Message = message }, now);
            vm.Conditions = [.. set.List];
            changed.Add((run, vm));
        }

        return changed;
    }

    private static void Requeue(Queue<VmStatus> queue, VmStatus vm)
    {
        var rest = queue.ToArray();
        queue.Clear();
        queue.Enqueue(vm);
        foreach (var r in rest) queue.Enqueue(r);
    }
}
