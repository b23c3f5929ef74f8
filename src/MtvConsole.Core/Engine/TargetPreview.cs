using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>What a plan's migration will create on the target for one VM (before it starts).</summary>
public sealed record VmTargetPreview(
    string VmId,
    string VmName,
    string SecretName,
    IReadOnlyList<DataVolumeSpec> DataVolumes,
    TargetVmSpec VirtualMachine,
    ConversionPodSpec ConversionPod,
    IReadOnlyList<HookJobSpec> Hooks);

/// <summary>
/// Builds, with the same <see cref="TargetSpecs"/> the engine uses, the objects a plan will create for
/// each VM. The run id and the warm initial snapshot do not exist yet and are shown as placeholders.
/// </summary>
public static class TargetPreview
{
    public const string PendingRun = "assigned-at-start";
    public const string PendingSnapshot = "(initial snapshot, taken at start)";

    public static IReadOnlyList<VmTargetPreview> Build(PlanContext context, VsphereInventory inventory, EngineSettings settings)
    {
        var plan = context.Plan;
        var result = new List<VmTargetPreview>();
        foreach (var planVm in plan.Vms)
        {
            var vm = RefResolver.Resolve(planVm.Ref, inventory.Vms, v => v.Id, v => v.Name, v => v.Path).Item
                ?? throw new InvalidOperationException($"VM {planVm.Ref} of plan '{plan.Name}' is not in the source inventory.");
            var labels = new Dictionary<string, string> { ["plan"] = plan.Id.ToString(), ["migration"] = PendingRun, ["vmID"] = vm.Id };
            var hooks = planVm.Hooks
                .Select(h => (h.Step, Hook: context.Hooks.GetValueOrDefault(h.HookId)))
                .Where(h => h.Hook is not null)
                .Select(h => TargetSpecs.HookJob(plan, vm, h.Hook!, h.Step, settings.HookRetries, labels, inventory))
                .ToList();
            result.Add(new VmTargetPreview(
                vm.Id,
                vm.Name,
                MigrationNames.VddkSecret(plan, vm.Id),
                TargetSpecs.DataVolumes(context, inventory, vm, labels, PendingSnapshot),
                TargetSpecs.VirtualMachine(context, inventory, vm, labels),
                TargetSpecs.ConversionPod(context, inventory, vm, labels),
                hooks));
        }

        return result;
    }
}
