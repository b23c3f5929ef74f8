using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Mapping;

/// <summary>
/// Turns a property value into what the store keeps. Large VM properties are parsed when they arrive so the
/// store never holds their XML (device lists are about 6 KB per VM).
/// </summary>
internal static class PropertyParsers
{
    public static object? Parse(string path, XElement? value)
    {
        if (value is null) return null;
        return path switch
        {
            "config.hardware.device" => DeviceParser.Parse(value),
            "config.extraConfig" => ExtraConfig(value),
            "guest.net" => GuestNetworks(value),
            "guest.disk" => GuestDisks(value),
            "snapshot" => Values.Ref(value.Child("currentSnapshot")) is { } current ? new SnapshotRef(current.Kind, current.Id) : null,
            "config.cpuAffinity" => value.Children("affinitySet").Select(a => (int)Values.Long(a)).ToArray(),
            _ => Values.Convert(value),
        };
    }

    private static Dictionary<string, string> ExtraConfig(XElement value)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in value.Elements())
        {
            var key = option.ChildText("key");
            if (key is not null) options[key] = option.ChildText("value") ?? "";
        }
        return options;
    }

    private static GuestNetwork[] GuestNetworks(XElement value)
    {
        var networks = new List<GuestNetwork>();
        foreach (var nic in value.Elements())
        {
            var device = nic.ChildText("deviceConfigId") ?? "";
            var mac = nic.ChildText("macAddress") ?? "";
            var configured = nic.Child("ipConfig")?.Children("ipAddress").ToList() ?? [];
            if (configured.Count > 0)
            {
                foreach (var ip in configured)
                    networks.Add(new GuestNetwork(device, mac, ip.ChildText("ipAddress") ?? "", Values.Int(ip, "prefixLength")));
            }
            else
            {
                foreach (var ip in nic.Children("ipAddress"))
                    networks.Add(new GuestNetwork(device, mac, ip.Value, 0));
            }
        }
        return [.. networks];
    }

    private static GuestDisk[] GuestDisks(XElement value) =>
    [
        .. value.Elements().Select(d => new GuestDisk(
            d.ChildText("diskPath") ?? "",
            Values.Long(d, "capacity"),
            Values.Long(d, "freeSpace"),
            d.Child("mappings") is { } mapping ? Values.Int(mapping, "key") : 0)),
    ];
}
