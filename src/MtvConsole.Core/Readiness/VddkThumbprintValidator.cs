using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>
/// VddkThumbprintMissing: CDI's importer reaches vCenter (or an ESXi host) through VDDK, which needs the server's SHA-1
/// thumbprint for a remote connection. A VM read through the vCenter gets the provider's pinned SHA-1; a provider that
/// skips certificate verification has none, so the plan cannot start until one is pinned. (Upstream fetches the
/// certificate on every provider reconcile and passes whatever it got, even with insecureSkipVerify; the console
/// pins on purpose and does not trust an unverified certificate silently.) VMs read through a Ready host migration
/// network use the host's inventory thumbprint instead.
/// </summary>
// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/builder.go: DataVolumes (Thumbprint: Provider.Status.Fingerprint);
// kubev2v/forklift d42511bb2 pkg/controller/provider/validation.go (Status.Fingerprint = util.Fingerprint(crt), also when insecure);
// libguestfs/nbdkit plugins/vddk/nbdkit-vddk-plugin.pod "thumbprint" (required when making a remote connection).
public static class VddkThumbprintValidator
{
    public static void Validate(Plan plan, PlanContext context, VsphereInventory inventory, IReadOnlyList<VsphereVm> vms, ConditionSet set, DateTimeOffset now)
    {
        if (context.Source is not { Type: ProviderType.Vsphere } source) return;
        var missing = vms.Where(vm => Thumbprint(source, context.MigrationHosts, inventory, vm).Length == 0)
            .Select(vm => new Ref(vm.Id, vm.Name, "VM").ToString()).ToList();
        if (missing.Count == 0) return;
        set.Set(Make.Critical(ConditionTypes.VddkThumbprintMissing, ConditionReasons.NotSet,
            "The importer has no certificate thumbprint for the source; VDDK refuses a remote connection without one.", missing,
            $"Edit the provider {source.Name}: fetch its certificate, compare the fingerprints and trust it (verification is skipped now, so no SHA-1 is pinned). " +
            "Or give these VMs' ESXi hosts a migration network."), now);
    }

    /// <summary>The thumbprint the VM's DataVolumes carry, as <see cref="TargetSpecs.SourceEndpoint"/> chooses it.</summary>
    private static string Thumbprint(Provider source, IReadOnlyList<MigrationNetworkHost> migrationHosts, VsphereInventory inventory, VsphereVm vm) =>
        TargetSpecs.MigrationHost(source.Id, migrationHosts, inventory, vm) is not null && inventory.FindHost(vm.HostId) is { } host
            ? host.Thumbprint
            : source.PinnedSha1 ?? "";
}
