using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>Disk phases: DataVolumes (created or adopted), copy progress per disk in MiB, and the final copy.</summary>
internal sealed partial class VmStepper
{
    private static async Task CreateDataVolumesAsync(VmWork w, CancellationToken ct)
    {
        var specs = TargetSpecs.DataVolumes(w.Context, w.RunWork.Inventory, w.Vm, Labels(w), w.Warm ? w.WarmStatus.Precopies[0].Snapshot : null);
        foreach (var spec in specs)
        {
            if (await w.Target.GetDataVolumeAsync(w.Namespace, spec.Name, ct) is not null) continue;
            await w.Target.CreateDataVolumeAsync(spec, ct);
        }

        w.Next();
    }

    /// <summary>A Ready migration network for the VM's ESXi host: read from <c>https://&lt;ip&gt;/sdk</c>; otherwise the provider URL.</summary>
    internal static (string Url, string Thumbprint) SourceEndpoint(VmWork w) => TargetSpecs.SourceEndpoint(w.Context, w.RunWork.Inventory, w.Vm);

    private static Dictionary<string, string> Labels(VmWork w) => TargetSpecs.Labels(w.Plan.Id, w.Run.Id, w.Vm.Id);

    private static async Task<List<(PipelineTask Task, DataVolumeStatus? Dv)>> PollDisksAsync(VmWork w, PipelineStep step, CancellationToken ct)
    {
        var result = new List<(PipelineTask, DataVolumeStatus?)>();
        foreach (var disk in w.Vm.Disks)
        {
            var name = w.DataVolumeName(disk);
            var dv = await w.Target.GetDataVolumeAsync(w.Namespace, name, ct)
                ?? throw new InvalidOperationException($"DataVolume '{w.Namespace}/{name}' of disk {disk.Key} no longer exists.");
            if (dv.Phase == DataVolumePhase.Failed)
            {
                w.Fail($"Disk {DiskNames.TaskName(disk.File)}: {dv.Message}");
                return [];
            }

            if (dv.RestartCount > w.Settings.ImporterRetries)
            {
                w.Fail($"Disk {DiskNames.TaskName(disk.File)}: the importer restarted {dv.RestartCount} times (limit {w.Settings.ImporterRetries}): {dv.Message}");
                return [];
            }

            var task = step.Tasks.First(t => t.Name == DiskNames.TaskName(disk.File));
            if (ImporterStartWatch.Check(task, dv, w.Context.Source, TimeSpan.FromMinutes(w.Settings.ImporterStartTimeoutMinutes), w.Now, out var waitChanged) is { } stuck)
            {
                w.Fail(stuck);
                return [];
            }

            w.Changed |= waitChanged;
            result.Add((task, dv));
        }

        w.Copy = new CopyReading(result.Sum(r => r.Item2!.BytesTransferred), result.Count == 0 ? 0 : result.Average(r => r.Item2!.ProgressPercent));
        return result;
    }

    private static async Task CopyDisksAsync(VmWork w, CancellationToken ct)
    {
        var step = w.Step(PipelineSteps.DiskTransfer)!;
        var disks = await PollDisksAsync(w, step, ct);
        if (disks.Count == 0) return;
        var done = disks.All(d => d.Dv!.Phase == DataVolumePhase.Succeeded || (w.Warm && PrecopyCompletion.CheckpointCopied(d.Dv)));
        if (PipelineProgress.UpdateDisks(step, disks, done, w.Now)) w.Changed = true;
        if (!done) return;
        if (!w.Warm)
        {
            w.Next();
            return;
        }

        var warm = w.WarmStatus;
        var precopy = Current(w)!;
        precopy.End = w.Now;
        precopy.BytesCopied = Math.Max(0, w.Copy!.Bytes - warm.Precopies.Where(p => p != precopy).Sum(p => p.BytesCopied));
        warm.Successes++;
        warm.ConsecutiveFailures = 0;
        warm.NextPrecopyAt = w.Now + w.PrecopyInterval;
        w.Events.Add(new PrecopyCompleted(w.Run.Id, w.Now, w.Vm.Id, warm.Precopies.Count, precopy.BytesCopied));
        Pause(w, $"Precopy {warm.Precopies.Count} done; the next starts at {warm.NextPrecopyAt:u} unless the cutover comes first.");
        w.MoveTo(Phases.CopyingPaused);
    }

    /// <summary>Waits for the final (post-shutdown) copy; the Cutover step's disk tasks show it.</summary>
    private static async Task FinalizeAsync(VmWork w, CancellationToken ct)
    {
        var step = w.Step(PipelineSteps.Cutover)!;
        var disks = await PollDisksAsync(w, step, ct);
        if (disks.Count == 0) return;
        var done = disks.All(d => d.Dv!.Phase == DataVolumePhase.Succeeded);
        if (PipelineProgress.UpdateDisks(step, disks, done, w.Now)) w.Changed = true;
        if (!done) return;
        var final = Current(w)!;
        final.End = w.Now;
        final.BytesCopied = Math.Max(0, w.Copy!.Bytes - w.WarmStatus.Precopies.Where(p => p != final).Sum(p => p.BytesCopied));
        w.Next();
    }

    private static async Task CreateConversionPodAsync(VmWork w, CancellationToken ct)
    {
        var name = MigrationNames.ConversionPod(w.Plan, w.Vm.Id);
        if (await w.Target.GetPodAsync(w.Namespace, name, ct) is null)
        {
            await w.Target.CreateConversionPodAsync(TargetSpecs.ConversionPod(w.Context, w.RunWork.Inventory, w.Vm, Labels(w)), ct);
        }

        w.Next();
    }

    private static async Task ConvertGuestAsync(VmWork w, CancellationToken ct)
    {
        var name = MigrationNames.ConversionPod(w.Plan, w.Vm.Id);
        var pod = await w.Target.GetPodAsync(w.Namespace, name, ct)
            ?? throw new InvalidOperationException($"Conversion pod '{w.Namespace}/{name}' no longer exists.");
        switch (pod.Phase)
        {
            case PodPhase.Succeeded:
                w.Next();
                break;
            case PodPhase.Failed:
                w.Fail(pod.Message);
                break;
            default:
                var step = w.Step(PipelineSteps.ImageConversion)!;
                if (ConversionTimedOut(w, step, pod)) return;
                var progress = new Progress((long)pod.ProgressPercent, 100);
                if (step.Progress != progress)
                {
                    step.Progress = progress;
                    w.Changed = true;
                }

                break;
        }
    }

    /// <summary>
    /// Fails the VM once its conversion has run longer than the configured limit since the ImageConversion step
    /// began (the pod's creation), naming the pod and what to look at; the pod is left for its log.
    /// </summary>
    private static bool ConversionTimedOut(VmWork w, PipelineStep step, PodStatus pod)
    {
        var limit = TimeSpan.FromMinutes(w.Settings.ConversionTimeoutMinutes);
        if (step.Started is not { } started || w.Now - started <= limit) return false;
        var where = $"pod '{pod.Namespace}/{pod.Name}'";
        var what = pod.Phase == PodPhase.Pending
            ? $"The {where} is still Pending{(pod.Message.Length > 0 ? $" ({pod.Message})" : "")}: check its events for an unschedulable node (it needs devices.kubevirt.io/kvm), a missing PVC or Secret, or an image that cannot be pulled."
            : $"The {where} is still Running: read its log (oc logs -n {pod.Namespace} {pod.Name}); if it shows virt-v2v finished and a server starting on :8080, the image ignored LOCAL_MIGRATION=false and waits for /shutdown: set KubeVirt:VirtV2vImage to a current forklift-virt-v2v image.";
        w.Fail($"Guest conversion did not finish within {w.Settings.ConversionTimeoutMinutes} minutes (the engine setting 'Guest conversion timeout'). {what} Then delete the pod and restart the migration, or raise the timeout for a very large guest.");
        return true;
    }

    private static async Task CreateVmAsync(VmWork w, CancellationToken ct)
    {
        var spec = TargetSpecs.VirtualMachine(w.Context, w.RunWork.Inventory, w.Vm, Labels(w));
        var name = spec.Name;
        var nics = spec.Nics;
        var existing = await w.Target.GetVirtualMachineAsync(w.Namespace, name, ct);
        if (existing is null)
        {
            await w.Target.CreateVirtualMachineAsync(spec, ct);
        }
        else if (!existing.Macs.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(nics.Select(n => n.Mac).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
        {
            w.Fail($"VMAlreadyExists: a VirtualMachine named '{name}' that this plan did not create exists in namespace '{w.Namespace}'.");
            return;
        }

        w.Next();
    }
}
