using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using MtvConsole.Core.Inventory;

namespace MtvConsole.Vsphere.Mapping;

/// <summary>
/// Parses <c>ArrayOfVirtualDevice</c>: disks with bus, controller, unit, sharing (disk multi-writer or a
/// bus-sharing controller), RDM, mode, change id and backing UUID; NICs with MAC and network; passthrough, SR-IOV and USB
/// devices. Keys come from the answer (the simulator's are random, never assume 2000+). Read forward-only from the
/// answer, keeping only the fields below and skipping the rest of each device (labels, slots, allocation …).
/// </summary>
internal static class DeviceParser
{
    private static readonly HashSet<string> KindsOfInterest = new(StringComparer.Ordinal)
    {
        DeviceKinds.PciPassthrough, DeviceKinds.ScsiPassthrough, DeviceKinds.SriovEthernetCard, DeviceKinds.UsbController,
        "VirtualUSBXHCIController",
    };

    private sealed record Controller(string Bus, int BusNumber, bool SharedBus);

    /// <summary>The fields of one device the inventory uses.</summary>
    private sealed class RawDevice
    {
        public string Type = "";
        public string Key = "", BusNumber = "", SharedBus = "", ControllerKey = "", UnitNumber = "", CapacityInBytes = "", CapacityInKb = "";
        public string? Mac;
        public string BackingType = "", FileName = "", Sharing = "", DiskMode = "", ChangeId = "", Uuid = "";
        public string? DatastoreId, NetworkId, PortgroupKey;
    }

    public static ParsedDevices Parse(XElement devices)
    {
        using var reader = devices.CreateReader();
        reader.MoveToContent();
        return Parse(reader);
    }

    /// <summary>Reads the device array the reader is on (consuming it).</summary>
    public static ParsedDevices Parse(XmlReader r)
    {
        var all = new List<RawDevice>();
        XmlChildren.ForEach(r, all, static (r, all) => all.Add(ReadDevice(r)));

        var controllers = new Dictionary<int, Controller>();
        foreach (var d in all)
        {
            var bus = BusOf(d.Type);
            if (bus is null) continue;
            controllers[Int(d.Key)] = new Controller(bus, Int(d.BusNumber), d.SharedBus is "physicalSharing" or "virtualSharing");
        }

        var disks = new List<ParsedDisk>();
        var nics = new List<ParsedNic>();
        var kinds = new List<VmDevice>();
        foreach (var d in all)
        {
            if (d.Type == "VirtualDisk")
            {
                disks.Add(Disk(d, controllers));
            }
            else if (d.Mac is not null)
            {
                nics.Add(new ParsedNic(d.NetworkId, d.PortgroupKey, d.Mac, nics.Count + 1));
                if (d.Type == DeviceKinds.SriovEthernetCard) kinds.Add(new VmDevice(d.Type));
            }
            else if (KindsOfInterest.Contains(d.Type))
            {
                kinds.Add(new VmDevice(d.Type == "VirtualUSBXHCIController" ? DeviceKinds.UsbController : d.Type));
            }
        }
        return new ParsedDevices(disks, nics, kinds);
    }

    private static RawDevice ReadDevice(XmlReader r)
    {
        var d = new RawDevice { Type = XmlChildren.XsiType(r) ?? r.LocalName };
        XmlChildren.ForEach(r, d, static (r, d) =>
        {
            switch (r.LocalName)
            {
                case "key": d.Key = r.ReadElementContentAsString(); break;
                case "busNumber": d.BusNumber = r.ReadElementContentAsString(); break;
                case "sharedBus": d.SharedBus = r.ReadElementContentAsString(); break;
                case "controllerKey": d.ControllerKey = r.ReadElementContentAsString(); break;
                case "unitNumber": d.UnitNumber = r.ReadElementContentAsString(); break;
                case "capacityInBytes": d.CapacityInBytes = r.ReadElementContentAsString(); break;
                case "capacityInKB": d.CapacityInKb = r.ReadElementContentAsString(); break;
                case "macAddress": d.Mac = r.ReadElementContentAsString(); break;
                case "backing":
                    d.BackingType = XmlChildren.XsiType(r) ?? "";
                    XmlChildren.ForEach(r, d, static (r, d) => ReadBacking(r, d));
                    break;
                default: r.Skip(); break;
            }
        });
        return d;
    }

    private static void ReadBacking(XmlReader r, RawDevice d)
    {
        switch (r.LocalName)
        {
            case "fileName": d.FileName = r.ReadElementContentAsString(); break;
            case "sharing": d.Sharing = r.ReadElementContentAsString(); break;
            case "diskMode": d.DiskMode = r.ReadElementContentAsString(); break;
            case "changeId": d.ChangeId = r.ReadElementContentAsString(); break;
            // kubev2v/forklift d42511bb2 pkg/controller/provider/container/vsphere/model.go updateDisks: Serial = backing.Uuid
            case "uuid": d.Uuid = r.ReadElementContentAsString(); break;
            case "datastore": d.DatastoreId = NonEmpty(r.ReadElementContentAsString()); break;
            case "network": d.NetworkId = NonEmpty(r.ReadElementContentAsString()); break;
            case "port":
                XmlChildren.ForEach(r, d, static (r, d) =>
                {
                    if (r.LocalName == "portgroupKey") d.PortgroupKey = r.ReadElementContentAsString();
                    else r.Skip();
                });
                break;
            default: r.Skip(); break;
        }
    }

    private static ParsedDisk Disk(RawDevice d, Dictionary<int, Controller> controllers)
    {
        var controllerKey = Int(d.ControllerKey);
        var controller = controllers.GetValueOrDefault(controllerKey) ?? new Controller("scsi", 0, false);
        var unit = Int(d.UnitNumber);
        var capacity = Long(d.CapacityInBytes);
        if (capacity == 0) capacity = Long(d.CapacityInKb) * 1024;
        var shared = (d.Sharing.Length > 0 && d.Sharing != "sharingNone") || controller.SharedBus;
        var disk = new VmDisk(
            Int(d.Key),
            d.FileName,
            d.DatastoreId ?? "",
            capacity,
            shared,
            d.BackingType == "VirtualDiskRawDiskMappingVer1BackingInfo",
            controller.Bus,
            d.DiskMode.Length > 0 ? d.DiskMode : "persistent",
            ChangeTrackingEnabled: false,
            controllerKey,
            unit) { Uuid = d.Uuid };
        return new ParsedDisk(disk, $"{controller.Bus}{controller.BusNumber}:{unit}.ctkEnabled", d.ChangeId);
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;

    private static long Long(string value) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static int Int(string value) => (int)Long(value);

    private static string? BusOf(string type) => type switch
    {
        "VirtualLsiLogicController" or "VirtualLsiLogicSASController" or "ParaVirtualSCSIController" or "VirtualBusLogicController" => "scsi",
        "VirtualAHCIController" => "sata",
        "VirtualIDEController" => "ide",
        "VirtualNVMEController" => "nvme",
        _ => null,
    };
}
