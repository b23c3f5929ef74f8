using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// Removes what a migration attempt made for a VM: the target VM, its DataVolumes, the conversion pod and
/// hook jobs, and the Forklift snapshots on the source. Every call is safe to repeat.
/// </summary>
internal static class VmCleanup
{
    /// <summary>
    /// The target VM an unsucceeded attempt left for this VM: the one of its name that carries the source
    /// MACs (a VM of the same name without them is someone else's and is never touched).
    /// </summary>
    public static async Task<TargetVm?> LeftoverTargetVmAsync(RunWork run, VmStatus status, VsphereVm vm, CancellationToken ct) =>
        !status.Succeeded && vm.Nics.Count > 0
        && await run.Target.GetVirtualMachineAsync(run.Context.Plan.TargetNamespace, MigrationNames.TargetVm(vm.Name), ct) is { } target
        && target.Macs.Any(m => vm.Nics.Any(n => string.Equals(n.Mac, m, StringComparison.OrdinalIgnoreCase)))
            ? target
            : null;

    public static async Task RemoveArtifactsAsync(RunWork run, VmStatus status, VsphereVm vm, CancellationToken ct)
    {
        var plan = run.Context.Plan;
        var ns = plan.TargetNamespace;
        if (await LeftoverTargetVmAsync(run, status, vm, ct) is { } target)
        {
            await run.Target.DeleteVirtualMachineAsync(ns, target.Name, ct);
        }

        foreach (var disk in vm.Disks)
        {
            await run.Target.DeleteDataVolumeAsync(ns, MigrationNames.DataVolume(plan, vm.Id, disk.Key), ct);
        }

        await run.Target.DeletePodAsync(ns, MigrationNames.ConversionPod(plan, vm.Id), ct);
        await run.Hooks.DeleteAsync(ns, MigrationNames.HookJob(plan, vm.Id, HookStep.PreHook), ct);
        await run.Hooks.DeleteAsync(ns, MigrationNames.HookJob(plan, vm.Id, HookStep.PostHook), ct);
        foreach (var precopy in status.Warm?.Precopies.Where(p => p is { Snapshot: not null, RemoveTaskId: null }) ?? [])
        {
            try
            {
                precopy.RemoveTaskId = await run.Source.RemoveSnapshotAsync(vm.Id, precopy.Snapshot!, ct);
            }
            catch (KeyNotFoundException)
            {
                precopy.RemoveTaskId = "";
            }
        }
    }

    /// <summary>
    /// Cancels a VM: removes its artifacts and, if we shut the source down, powers it back on once the
    /// shutdown has finished. Returns false while it still waits for that.
    /// </summary>
    public static async Task<bool> CancelAsync(VmWork w, CancellationToken ct)
    {
        await RemoveArtifactsAsync(w.RunWork, w.Status, w.Vm, ct);
        var shutDownByUs = w.Status.RestorePowerState == RestorePowerState.On
            && w.Itinerary.IndexOf(w.Status.Phase) > w.Itinerary.IndexOf(Phases.PowerOffSource);
        if (shutDownByUs)
        {
            var power = await w.Source.GetPowerStateAsync(w.Vm.Id, ct);
            if (power == PowerState.PoweredOn && w.Status.Phase == Phases.WaitForPowerOff)
            {
                w.Changed = true;
                return false; // the guest is still shutting down; power it back on when it is off
            }

            await w.Source.PowerOnAsync(w.Vm.Id, ct);
        }

        PipelineProgress.CompleteAll(w.Status, w.Now);
        w.Status.Phase = Phases.Completed;
        w.Status.Completed = w.Now;
        w.Status.Conditions.RemoveAll(c => c.Type is EngineConditions.Pending or EngineConditions.Paused);
        w.SetCondition(new Condition
        {
            Type = ConditionTypes.Canceled,
            Category = ConditionCategory.Advisory,
            Reason = ConditionReasons.UserRequested,
            Message = "The migration has been canceled.",
            Durable = true,
        });
        return true;
    }
}
