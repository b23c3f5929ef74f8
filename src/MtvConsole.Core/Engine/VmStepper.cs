using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// The per-VM state machine: one decision per call. Each phase is idempotent: it finds what an earlier
/// call (possibly of an engine that was killed) started, by stored task ids and fixed names, and adopts it.
/// </summary>
internal sealed partial class VmStepper
{
    public async Task StepAsync(VmWork w, CancellationToken ct)
    {
        switch (w.Status.Phase)
        {
            case Phases.Started: Started(w); break;
            case Phases.PreHook: await HookAsync(w, HookStep.PreHook, ct); break;
            case Phases.PostHook: await HookAsync(w, HookStep.PostHook, ct); break;
            case Phases.StorePowerState: await StorePowerStateAsync(w, ct); break;
            case Phases.PowerOffSource: await PowerOffSourceAsync(w, ct); break;
            case Phases.WaitForPowerOff: await WaitForPowerOffAsync(w, ct); break;
            case Phases.CreateInitialSnapshot or Phases.CreateSnapshot or Phases.CreateFinalSnapshot: await CreateSnapshotAsync(w, ct); break;
            case Phases.WaitForInitialSnapshot or Phases.WaitForSnapshot or Phases.WaitForFinalSnapshot: await WaitForSnapshotAsync(w, ct); break;
            case Phases.StoreInitialSnapshotDeltas or Phases.StoreSnapshotDeltas: await StoreDeltasAsync(w, ct); break;
            case Phases.CreateDataVolumes: await CreateDataVolumesAsync(w, ct); break;
            case Phases.CopyDisks: await CopyDisksAsync(w, ct); break;
            case Phases.CopyingPaused: CopyingPaused(w); break;
            case Phases.RemovePreviousSnapshot or Phases.RemovePenultimateSnapshot: await RemoveLastSnapshotAsync(w, ct); break;
            case Phases.WaitForPreviousSnapshotRemoval or Phases.WaitForPenultimateSnapshotRemoval: await WaitForRemovalAsync(w, LastGood(w), ct); break;
            case Phases.AddCheckpoint: await AddCheckpointAsync(w, final: false, ct); break;
            case Phases.AddFinalCheckpoint: await AddCheckpointAsync(w, final: true, ct); break;
            case Phases.Finalize: await FinalizeAsync(w, ct); break;
            case Phases.RemoveFinalSnapshot: await RemoveFinalSnapshotAsync(w, ct); break;
            case Phases.CreateGuestConversionPod: await CreateConversionPodAsync(w, ct); break;
            case Phases.ConvertGuest: await ConvertGuestAsync(w, ct); break;
            case Phases.CreateVM: await CreateVmAsync(w, ct); break;
            case Phases.Completed: await CompleteAsync(w, ct); break;
            default: w.Fail($"Unknown phase '{w.Status.Phase}'."); break;
        }
    }

    private static void Started(VmWork w)
    {
        w.Status.Conditions.RemoveAll(c => c.Type == EngineConditions.Pending);
        w.Next();
    }

    /// <summary>Completed: start the target VM only if the source was on, then the VM has succeeded.</summary>
    private static async Task CompleteAsync(VmWork w, CancellationToken ct)
    {
        if (w.Status.RestorePowerState == RestorePowerState.On)
        {
            await w.Target.StartVirtualMachineAsync(w.Namespace, MigrationNames.TargetVm(w.Vm.Name), ct);
        }

        PipelineProgress.CompleteAll(w.Status, w.Now);
        w.Status.Completed = w.Now;
        w.Status.Conditions.RemoveAll(c => c.Type is EngineConditions.Pending or EngineConditions.Paused);
        w.SetCondition(new Condition
        {
            Type = ConditionTypes.Succeeded,
            Category = ConditionCategory.Advisory,
            Message = "The VM migration has SUCCEEDED.",
            Durable = true,
        });
    }

    private static async Task HookAsync(VmWork w, HookStep step, CancellationToken ct)
    {
        var hook = w.RunWork.HookOf(w.Status.VmId, w.Status.Name, step);
        if (hook is null)
        {
            w.Next();
            return;
        }

        var job = MigrationNames.HookJob(w.Plan, w.Vm.Id, step);
        var status = await w.Hooks.GetAsync(w.Namespace, job, ct);
        if (status is null)
        {
            // A post hook reaches the migrated VM, so it runs with the VM up when the source was on: upstream
            // creates the VM with RunStrategy Always before PostHook (kubev2v/forklift d42511bb2
            // pkg/controller/plan/kubevirt.go determineRunStrategy; migrator/base/migrator.go itineraries).
            if (step == HookStep.PostHook && w.Status.RestorePowerState == RestorePowerState.On)
                await w.Target.StartVirtualMachineAsync(w.Namespace, MigrationNames.TargetVm(w.Vm.Name), ct);
            await w.Hooks.StartAsync(TargetSpecs.HookJob(w.Plan, w.Vm, hook, step, w.Settings.HookRetries, Labels(w), w.RunWork.Inventory), ct);
            w.Changed = true;
            return;
        }

        switch (status.Phase)
        {
            case HookJobPhase.Succeeded:
                w.Next();
                break;
            case HookJobPhase.Failed:
                w.Fail($"Hook '{hook.Name}' ({step}) failed after {status.Failures} attempt(s): {status.Output}");
                break;
        }
    }

    private static async Task StorePowerStateAsync(VmWork w, CancellationToken ct)
    {
        // Stored once: after a resume the source may already be off because we shut it down.
        if (w.Status.RestorePowerState == RestorePowerState.Unknown)
        {
            var power = await w.Source.GetPowerStateAsync(w.Vm.Id, ct);
            w.Status.RestorePowerState = power == PowerState.PoweredOn ? RestorePowerState.On : RestorePowerState.Off;
        }

        w.Next();
    }

    private static async Task PowerOffSourceAsync(VmWork w, CancellationToken ct)
    {
        if (await w.Source.GetPowerStateAsync(w.Vm.Id, ct) == PowerState.PoweredOn)
        {
            if (w.Vm.ToolsStatus == "toolsNotInstalled") await w.Source.PowerOffAsync(w.Vm.Id, ct);
            else await w.Source.ShutdownGuestAsync(w.Vm.Id, ct);
        }

        w.Next();
    }

    private static async Task WaitForPowerOffAsync(VmWork w, CancellationToken ct)
    {
        if (await w.Source.GetPowerStateAsync(w.Vm.Id, ct) != PowerState.PoweredOn) w.Next();
    }
}
