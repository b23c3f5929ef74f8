using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// Lists what an earlier attempt made for a VM and still exists, as <see cref="VmCleanup"/> would remove
/// it: the target VM (only one carrying the source MACs), DataVolumes, the conversion pod, hook jobs and
/// warm snapshots not yet removed from the source.
/// </summary>
internal static class VmLeftovers
{
    public static async Task<IReadOnlyList<string>> FindAsync(RunWork run, VmStatus status, VsphereVm vm, CancellationToken ct)
    {
        var plan = run.Context.Plan;
        var ns = plan.TargetNamespace;
        var found = new List<string>();
        if (await VmCleanup.LeftoverTargetVmAsync(run, status, vm, ct) is { } target)
        {
            found.Add($"VirtualMachine {ns}/{target.Name}");
        }

        foreach (var disk in vm.Disks)
        {
            var name = MigrationNames.DataVolume(plan, vm.Id, disk.Key);
            if (await run.Target.GetDataVolumeAsync(ns, name, ct) is not null) found.Add($"DataVolume {ns}/{name}");
        }

        var pod = MigrationNames.ConversionPod(plan, vm.Id);
        if (await run.Target.GetPodAsync(ns, pod, ct) is not null) found.Add($"Pod {ns}/{pod}");
        foreach (var step in new[] { HookStep.PreHook, HookStep.PostHook })
        {
            var job = MigrationNames.HookJob(plan, vm.Id, step);
            if (await run.Hooks.GetAsync(ns, job, ct) is not null) found.Add($"Job {ns}/{job}");
        }

        foreach (var precopy in status.Warm?.Precopies.Where(p => p is { Snapshot: not null, RemoveTaskId: null }) ?? [])
        {
            found.Add($"Snapshot {precopy.Snapshot} of {vm.Name}");
        }

        return found;
    }
}
