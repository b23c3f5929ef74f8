using System.Xml.Linq;
using MtvConsole.Core.Ports;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Mapping;

/// <summary>A VM's <c>snapshot</c> property (VirtualMachineSnapshotInfo) as a flat list of its snapshot tree, depth first.</summary>
internal static class SnapshotTree
{
    public static IReadOnlyList<SourceSnapshot> Flatten(XElement? snapshotInfo)
    {
        var all = new List<SourceSnapshot>();
        void Walk(IEnumerable<XElement> trees)
        {
            foreach (var tree in trees)
            {
                all.Add(new SourceSnapshot(tree.ChildText("snapshot") ?? "", tree.ChildText("name") ?? "", tree.ChildText("description") ?? ""));
                Walk(tree.Children("childSnapshotList"));
            }
        }

        if (snapshotInfo is not null) Walk(snapshotInfo.Children("rootSnapshotList"));
        return all;
    }
}
