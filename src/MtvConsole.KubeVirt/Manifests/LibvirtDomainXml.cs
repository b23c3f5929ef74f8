using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// The libvirt domain XML virt-v2v reads in place (<c>-i libvirtxml /mnt/v2v/input.xml</c>, reference §4.2):
/// the VM's name, memory, vCPUs and firmware, and one raw disk per copied volume — the image file of a
/// filesystem PVC (<c>/mnt/disks/diskN/disk.img</c>, CDI's file name) or the block device <c>/dev/blockN</c>.
/// </summary>
public static class LibvirtDomainXml
{
    public static string DiskImage(int index) => $"/mnt/disks/disk{index}/disk.img";

    public static string BlockDevice(int index) => $"/dev/block{index}";

    public static string Build(ConversionPodSpec spec, IReadOnlyList<VolumeMode> volumeModes)
    {
        var os = new XElement("os", new XElement("type", new XAttribute("arch", "x86_64"), "hvm"), new XElement("boot", new XAttribute("dev", "hd")));
        if (string.Equals(spec.Firmware, "efi", StringComparison.OrdinalIgnoreCase)) os.SetAttributeValue("firmware", "efi");
        var disks = spec.DataVolumes.Select((_, i) =>
        {
            var block = i < volumeModes.Count && volumeModes[i] == VolumeMode.Block;
            return new XElement("disk",
                new XAttribute("type", block ? "block" : "file"),
                new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
                new XElement("source", new XAttribute(block ? "dev" : "file", block ? BlockDevice(i) : DiskImage(i))),
                new XElement("target", new XAttribute("dev", TargetDevice(i)), new XAttribute("bus", "virtio")));
        });
        var domain = new XElement("domain", new XAttribute("type", "kvm"),
            new XElement("name", spec.VmName.Length > 0 ? spec.VmName : spec.VmId),
            new XElement("memory", new XAttribute("unit", "MiB"), spec.MemoryMB),
            new XElement("vcpu", spec.CpuCount),
            os,
            new XElement("features", new XElement("acpi"), new XElement("apic")),
            new XElement("devices", disks));
        return domain.ToString();
    }

    /// <summary>vda … vdz, vdaa …: the guest's disk names in boot order.</summary>
    private static string TargetDevice(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('a' + (n - 1) % 26) + name;
        return "vd" + name;
    }
}
