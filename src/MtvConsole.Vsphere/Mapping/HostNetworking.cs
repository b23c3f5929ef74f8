using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Collector;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Mapping;

/// <summary>
/// A host's VMkernel adapters (<c>config.network.vnic</c>) with IP, subnet and MTU, and the link speed of the
/// physical NICs behind the standard switch of their port group (the fastest uplink for distributed ports).
/// </summary>
internal static class HostNetworking
{
    public static IReadOnlyList<HostNetworkAdapter> Adapters(StoredObject host)
    {
        var vnics = host.Get<XElement>("config.network.vnic")?.Elements().ToList() ?? [];
        if (vnics.Count == 0) return [];
        var speeds = (host.Get<XElement>("config.network.pnic")?.Elements() ?? [])
            .ToDictionary(p => p.ChildText("key") ?? "", p => Values.Int(p.Child("linkSpeed"), "speedMb"), StringComparer.Ordinal);
        var switchOfPortgroup = (host.Get<XElement>("config.network.portgroup")?.Elements() ?? [])
            .Select(pg => pg.Child("spec"))
            .Where(spec => spec is not null)
            .GroupBy(spec => spec!.ChildText("name") ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()!.ChildText("vswitchName") ?? "", StringComparer.Ordinal);
        var uplinksOfSwitch = (host.Get<XElement>("config.network.vswitch")?.Elements() ?? [])
            .GroupBy(s => s.ChildText("name") ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Children("pnic").Select(p => p.Value).ToList(), StringComparer.Ordinal);
        var fastest = speeds.Count == 0 ? 0 : speeds.Values.Max();

        return
        [
            .. vnics.Select(v =>
            {
                var spec = v.Child("spec");
                var ip = spec?.Child("ip");
                var portgroup = v.ChildText("portgroup") ?? "";
                var speed = switchOfPortgroup.TryGetValue(portgroup, out var vswitch) && uplinksOfSwitch.TryGetValue(vswitch, out var uplinks)
                    ? uplinks.Select(u => speeds.GetValueOrDefault(u)).DefaultIfEmpty(0).Max()
                    : fastest;
                return new HostNetworkAdapter(
                    v.ChildText("key") ?? "", v.ChildText("device") ?? "", portgroup,
                    Values.Text(ip, "ipAddress"), Values.Text(ip, "subnetMask"),
                    Values.Int(spec, "mtu") is > 0 and var mtu ? mtu : 1500,
                    speed);
            }),
        ];
    }
}
