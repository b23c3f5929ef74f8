using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Mapping;

/// <summary>
/// Parses <c>ArrayOfVirtualDevice</c>: disks with bus, controller, unit, sharing (disk multi-writer or a
/// bus-sharing controller), RDM, mode and change id; NICs with MAC and network; passthrough, SR-IOV and USB
/// devices. Keys come from the answer (the simulator's are random, never assume 2000+).
/// </summary>
internal static class DeviceParser
{
    private static readonly HashSet<string> KindsOfInterest = new(StringComparer.Ordinal)
    {
        DeviceKinds.PciPassthrough, DeviceKinds.ScsiPassthrough, DeviceKinds.SriovEthernetCard, DeviceKinds.UsbController,
        "VirtualUSBXHCIController",
    };

    private sealed record Controller(string Bus, int BusNumber, bool SharedBus);

    public static ParsedDevices Parse(XElement devices)
    {
        var all = devices.Elements().ToList();
        var controllers = new Dictionary<int, Controller>();
        foreach (var d in all)
        {
            var bus = BusOf(Vim.TypeOf(d) ?? "");
            if (bus is null) continue;
            var sharing = Values.Text(d, "sharedBus");
            controllers[Values.Int(d, "key")] = new Controller(bus, Values.Int(d, "busNumber"), sharing is "physicalSharing" or "virtualSharing");
        }

        var disks = new List<ParsedDisk>();
        var nics = new List<ParsedNic>();
        var kinds = new List<VmDevice>();
        foreach (var d in all)
        {
            var type = Vim.TypeOf(d) ?? d.Name.LocalName;
            if (type == "VirtualDisk")
            {
                disks.Add(Disk(d, controllers));
            }
            else if (d.Child("macAddress") is { } mac)
            {
                var backing = d.Child("backing");
                var network = Values.Ref(backing?.Child("network"))?.Id;
                var portgroup = backing?.Child("port")?.ChildText("portgroupKey");
                nics.Add(new ParsedNic(network, portgroup, mac.Value, nics.Count + 1));
                if (type == DeviceKinds.SriovEthernetCard) kinds.Add(new VmDevice(type));
            }
            else if (KindsOfInterest.Contains(type))
            {
                kinds.Add(new VmDevice(type == "VirtualUSBXHCIController" ? DeviceKinds.UsbController : type));
            }
        }
        return new ParsedDevices(disks, nics, kinds);
    }

    private static ParsedDisk Disk(XElement d, Dictionary<int, Controller> controllers)
    {
        var backing = d.Child("backing");
        var backingType = backing is null ? "" : Vim.TypeOf(backing) ?? "";
        var controllerKey = Values.Int(d, "controllerKey");
        var controller = controllers.GetValueOrDefault(controllerKey) ?? new Controller("scsi", 0, false);
        var unit = Values.Int(d, "unitNumber");
        var capacity = Values.Long(d, "capacityInBytes");
        if (capacity == 0) capacity = Values.Long(d, "capacityInKB") * 1024;
        var sharing = Values.Text(backing, "sharing");
        var shared = (sharing.Length > 0 && sharing != "sharingNone") || controller.SharedBus;
        var disk = new VmDisk(
            Values.Int(d, "key"),
            Values.Text(backing, "fileName"),
            Values.Ref(backing?.Child("datastore"))?.Id ?? "",
            capacity,
            shared,
            backingType == "VirtualDiskRawDiskMappingVer1BackingInfo",
            controller.Bus,
            Values.Text(backing, "diskMode") is { Length: > 0 } mode ? mode : "persistent",
            ChangeTrackingEnabled: false,
            controllerKey,
            unit);
        return new ParsedDisk(disk, $"{controller.Bus}{controller.BusNumber}:{unit}.ctkEnabled", Values.Text(backing, "changeId"));
    }

    private static string? BusOf(string type) => type switch
    {
        "VirtualLsiLogicController" or "VirtualLsiLogicSASController" or "ParaVirtualSCSIController" or "VirtualBusLogicController" => "scsi",
        "VirtualAHCIController" => "sata",
        "VirtualIDEController" => "ide",
        "VirtualNVMEController" => "nvme",
        _ => null,
    };
}
