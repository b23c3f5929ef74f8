using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>Generates the Lab's vCenter and OpenShift inventories; a pure function of <see cref="LabOptions.Seed"/> and <see cref="LabOptions.VmCount"/>.</summary>
public static class LabInventoryGenerator
{
    public static LabInventory Generate(LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        var ids = new MoRefCounter(1);
        var topology = new VsphereTopologyBuilder(random, ids).Build(options.VmCount);
        var vCenterThumbprint = VsphereTopologyBuilder.Thumbprint(random);

        ids.SkipTo(400);
        var planner = new VmPlanner(random, topology);
        var factory = new VmFactory(random);
        var vms = new List<VsphereVm>(options.VmCount);
        var dirtyRates = new Dictionary<string, double>(options.VmCount, StringComparer.Ordinal);
        var allocated = new Dictionary<(string, int), long>(options.VmCount * 2);
        var affinityVmIds = new List<string>();
        for (var i = 0; i < options.VmCount; i++)
        {
            var plan = planner.Plan(i, ids.Next("vm-"));
            var generated = factory.Build(plan);
            var vm = generated.Vm;
            if (plan.Slot is { } slot)
            {
                vm = ConcernApplier.Apply(vm, slot, $"snapshot-{9000 + i}");
                if (slot == ConcernSlot.PciPassthroughUsbAndHostAffinity)
                {
                    affinityVmIds.Add(vm.Id);
                }
            }

            vms.Add(DiskIdentities.WithDiskUuids(vm));
            plan.Folder.Children.Add(new ObjectRef("VM", vm.Id));
            dirtyRates[vm.Id] = generated.DirtyRateMBps;
            foreach (var (key, bytes) in generated.AllocatedBytes)
            {
                allocated[(vm.Id, key)] = Math.Min(bytes, vm.Disks.First(d => d.Key == key).CapacityBytes);
            }
        }

        var target = TargetInventoryBuilder.Build(vms);
        DiskIdentities.PlantBootDiskNotFirst(vms, skipOrdinary: TargetInventoryBuilder.ConflictingOrdinaryVms);
        var clusters = topology.Clusters
            .OrderBy(c => c.Key)
            .Select(c => c.Key == ClusterKind.DisasterRecovery ? c.Value with { HostAffinityVmIds = affinityVmIds.ToArray() } : c.Value)
            .ToArray();
        var vsphere = new VsphereInventory(
            topology.Datacenters,
            topology.Folders.Select(f => f.ToFolder()).ToArray(),
            clusters,
            topology.Hosts.Select(h => h.Host).ToArray(),
            topology.Networks,
            topology.Datastores,
            vms);
        return new LabInventory(vsphere, target, vCenterThumbprint, dirtyRates, allocated);
    }
}
