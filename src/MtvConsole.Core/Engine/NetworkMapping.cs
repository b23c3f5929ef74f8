using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>The target NICs of a VM from the plan's network map: pod → masquerade, multus → bridge on the NAD, ignored → none; MACs kept.</summary>
internal static class NetworkMapping
{
    public static IReadOnlyList<TargetVmNic> Nics(VmWork w)
    {
        var networks = w.RunWork.Inventory.Networks;
        var nics = new List<TargetVmNic>();
        foreach (var nic in w.Vm.Nics.OrderBy(n => n.Order))
        {
            var entry = w.Context.NetworkMap?.Entries.FirstOrDefault(e =>
                RefResolver.Resolve(e.Source, networks, n => n.Id, n => n.Name, n => n.Path).Item?.Id == nic.NetworkId);
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
}
