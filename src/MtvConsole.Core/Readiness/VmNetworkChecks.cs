using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>
/// Network checks of a plan's VMs that the target cluster would otherwise only refuse at CreateVM, after all the
/// copying: two NICs of one VM on the pod network, and a MAC that a VM on the target already uses.
/// </summary>
internal static class VmNetworkChecks
{
    /// <summary>
    /// kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go (VMMultiplePodNetworkMappings, Critical) with
    /// pkg/controller/plan/adapter/base/network.go ValidatePodNetworkDuplicates: more than one NIC whose network the
    /// map sends to the pod network (NICs of unmapped networks are left to VMNetworksNotMapped). KubeVirt refuses such a
    /// VM: kubevirt/kubevirt 2959137c7 pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go
    /// ("more than one interface is connected to a pod network").
    /// </summary>
    public static void MultiplePodNetworks(IReadOnlyList<VsphereVm> vms, NetworkMap map, VsphereInventory inventory, ConditionSet set, DateTimeOffset now)
    {
        var offenders = new List<(VsphereVm Vm, IReadOnlyList<VmNic> Nics)>();
        foreach (var vm in vms)
        {
            var pod = vm.Nics.OrderBy(n => n.Order)
                .Where(n => NetworkMapping.EntryFor(map, inventory.Networks, n)?.DestinationType == NetworkDestinationType.Pod)
                .ToList();
            if (pod.Count > 1) offenders.Add((vm, pod));
        }

        if (offenders.Count == 0) return;
        var details = string.Join("; ", offenders.Select(o => $"{o.Vm.Name}: {string.Join(", ", o.Nics.Select(n => NicLabel(o.Vm, n, inventory)))}"));
        set.Set(Make.Critical(ConditionTypes.VMMultiplePodNetworkMappings, ConditionReasons.NotValid,
            $"VM has more than one interface mapped to the pod network ({details}).",
            offenders.Select(o => Label(o.Vm)),
            $"KubeVirt allows one pod network interface per VM. In the network map {map.Name}, map all but one of these NICs' networks to a Multus network (or Ignored), or remove the extra NICs in vSphere."), now);
    }

    /// <summary>
    /// kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go (MacConflicts, Critical) with
    /// pkg/controller/plan/adapter/base/mac_conflicts.go CheckMacConflicts: a source NIC's MAC that a VirtualMachine on the
    /// target cluster (any namespace) already has; empty MACs are skipped. Like upstream, which skips VMs that already
    /// succeeded, the target VM this plan created for the same source VM in an earlier run does not count.
    /// </summary>
    public static void MacConflicts(Plan plan, IReadOnlyList<VsphereVm> vms, TargetInventory target, IReadOnlySet<string> migratedVmIds, ConditionSet set, DateTimeOffset now)
    {
        var owners = new Dictionary<string, List<TargetVm>>(StringComparer.OrdinalIgnoreCase);
        foreach (var existing in target.Vms)
            foreach (var mac in existing.Macs.Where(m => m.Length > 0))
                (owners.TryGetValue(mac, out var list) ? list : owners[mac] = []).Add(existing);

        var items = new List<string>();
        var details = new List<string>();
        foreach (var vm in vms)
        {
            var own = migratedVmIds.Contains(vm.Id) ? (plan.TargetNamespace, MigrationNames.TargetVm(vm.Name)) : default;
            var conflicts = vm.Nics.Where(n => n.Mac.Length > 0)
                .SelectMany(n => (owners.GetValueOrDefault(n.Mac) ?? []).Where(t => (t.Namespace, t.Name) != own).Select(t => (n.Mac, Owner: $"{t.Namespace}/{t.Name}")))
                .ToList();
            if (conflicts.Count == 0) continue;
            items.Add(Label(vm));
            details.Add($"VM {vm.Name} has MAC address conflicts: {string.Join("; ", conflicts.GroupBy(c => c.Owner).Select(g => $"MAC {string.Join(", ", g.Select(c => c.Mac))} is used by target VM {g.Key}"))}");
        }

        if (items.Count == 0) return;
        set.Set(Make.Critical(ConditionTypes.MacConflicts, ConditionReasons.NotValid, string.Join("; ", details) + ".", items,
            "Two VMs with the same MAC on one network break each other's traffic, and the cluster refuses a second VM with that MAC. Remove or change the MAC of the target VM named, or give the source VM's NIC another MAC in vSphere."), now);
    }

    private static string NicLabel(VsphereVm vm, VmNic nic, VsphereInventory inventory)
    {
        var network = inventory.Networks.FirstOrDefault(n => n.Id == nic.NetworkId)?.Name ?? nic.NetworkId;
        return $"NIC {vm.Nics.OrderBy(n => n.Order).ToList().IndexOf(nic) + 1} ({nic.Mac}, network {network})";
    }

    private static string Label(VsphereVm vm) => new Ref(vm.Id, vm.Name, "VM").ToString();
}
