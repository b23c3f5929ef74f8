using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>Whether a run's cancel list (refs by id or name) names a VM.</summary>
public static class RunCancel
{
    public static bool Requested(MigrationRun run, VmStatus vm) =>
        run.Cancel.Any(r => Matches(r, vm.VmId, vm.Name));

    public static bool Matches(Ref reference, string vmId, string name) =>
        (!string.IsNullOrEmpty(reference.Id) && reference.Id == vmId)
        || (string.IsNullOrEmpty(reference.Id) && !string.IsNullOrEmpty(reference.Name) && reference.Name == name);
}
