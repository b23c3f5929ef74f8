using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>The target NICs of a VM from the plan's network map: pod → masquerade, multus → bridge on the NAD, ignored → none; MACs kept.</summary>
internal static class NetworkMapping
{
    public static IReadOnlyList<TargetVmNic> Nics(VmWork w) => Nics(w.Context.NetworkMap, w.RunWork.Inventory.Networks, w.Vm);

    public static IReadOnlyList<TargetVmNic> Nics(NetworkMap? map, IReadOnlyList<Inventory.Network> networks, Inventory.VsphereVm vm)
    {
        var nics = new List<TargetVmNic>();
        foreach (var nic in vm.Nics.OrderBy(n => n.Order))
        {
            var entry = EntryFor(map, networks, nic);
            switch (entry?.DestinationType)
            {
                case null or NetworkDestinationType.Pod:
                    nics.Add(new TargetVmNic($"net-{nics.Count}", "pod", null, nic.Mac));
                    break;
                case NetworkDestinationType.Multus:
                    nics.Add(new TargetVmNic($"net-{nics.Count}", "multus", $"{entry.DestinationNamespace}/{entry.DestinationName}", nic.Mac));
                    break;
            }
        }

        return nics;
    }

    /// <summary>The network map entry of a NIC's network, or null when the map has none for it.</summary>
    public static NetworkMapEntry? EntryFor(NetworkMap? map, IReadOnlyList<Inventory.Network> networks, Inventory.VmNic nic) =>
        map?.Entries.FirstOrDefault(e => RefResolver.Resolve(e.Source, networks, n => n.Id, n => n.Name, n => n.Path).Item?.Id == nic.NetworkId);
}
