using System.Text.Json.Nodes;
using MtvConsole.Core.Ports;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// A KubeVirt VirtualMachine (<c>kubevirt.io/v1</c>): CPU sockets and cores, memory, firmware (EFI with SMM,
/// or BIOS), a tablet input, NICs with the source MACs (pod network masquerade, multus bridge) and one disk
/// per DataVolume in the spec's order, each with its serial, the boot disk with <c>bootOrder: 1</c>. It is created halted; the engine starts it when the source was running.
/// </summary>
public static class VirtualMachineManifest
{
    public static JsonObject Build(TargetVmSpec spec)
    {
        var interfaces = new JsonArray();
        var networks = new JsonArray();
        foreach (var nic in spec.Nics)
        {
            var multus = string.Equals(nic.NetworkType, "multus", StringComparison.OrdinalIgnoreCase);
            var iface = new JsonObject { ["name"] = nic.Name, ["model"] = "virtio", ["macAddress"] = nic.Mac };
            iface[multus ? "bridge" : "masquerade"] = new JsonObject();
            interfaces.Add(iface);
            networks.Add(multus
                ? new JsonObject { ["name"] = nic.Name, ["multus"] = new JsonObject { ["networkName"] = nic.NetworkName } }
                : new JsonObject { ["name"] = nic.Name, ["pod"] = new JsonObject() });
        }

        var disks = new JsonArray();
        var volumes = new JsonArray();
        for (var i = 0; i < spec.DataVolumes.Count; i++)
        {
            var name = $"vol-{i}";
            var disk = new JsonObject { ["name"] = name, ["disk"] = new JsonObject { ["bus"] = "virtio" } };
            // kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/builder.go mapDisks: kubevirtDisk.Serial and
            // BootOrder 1 on the boot disk (kubevirt.io/api core/v1 Disk: serial, bootOrder).
            if (spec.DiskSerials.TryGetValue(spec.DataVolumes[i], out var serial) && serial.Length > 0) disk["serial"] = serial;
            if (spec.DataVolumes[i] == spec.BootDataVolume) disk["bootOrder"] = 1;
            disks.Add(disk);
            volumes.Add(new JsonObject { ["name"] = name, ["dataVolume"] = new JsonObject { ["name"] = spec.DataVolumes[i] } });
        }

        var efi = string.Equals(spec.Firmware, "efi", StringComparison.OrdinalIgnoreCase);
        var domain = new JsonObject
        {
            ["cpu"] = new JsonObject { ["sockets"] = spec.CpuSockets, ["cores"] = spec.CpuCores, ["threads"] = 1 },
            ["memory"] = new JsonObject { ["guest"] = Quantities.MebiBytes(spec.MemoryMB) },
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["memory"] = Quantities.MebiBytes(spec.MemoryMB) } },
            ["firmware"] = new JsonObject
            {
                ["bootloader"] = efi
                    ? new JsonObject { ["efi"] = new JsonObject { ["secureBoot"] = spec.SecureBoot } }
                    : new JsonObject { ["bios"] = new JsonObject() },
            },
            ["features"] = efi ? new JsonObject { ["smm"] = new JsonObject { ["enabled"] = true } } : new JsonObject(),
            ["devices"] = new JsonObject
            {
                ["disks"] = disks,
                ["interfaces"] = interfaces,
                ["inputs"] = new JsonArray(new JsonObject { ["name"] = "tablet", ["type"] = "tablet", ["bus"] = "usb" }),
            },
        };

        return new JsonObject
        {
            ["apiVersion"] = KubeResource.VirtualMachine.ApiVersion,
            ["kind"] = KubeResource.VirtualMachine.Kind,
            ["metadata"] = Json.Metadata(spec.Namespace, spec.Name, spec.Labels),
            ["spec"] = new JsonObject
            {
                ["runStrategy"] = RunStrategies.Halted,
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = Json.Map(spec.Labels) },
                    ["spec"] = new JsonObject
                    {
                        ["domain"] = domain,
                        ["networks"] = networks,
                        ["volumes"] = volumes,
                    },
                },
            },
        };
    }

    /// <summary>The MACs of a VirtualMachine object's interfaces.</summary>
    public static IReadOnlyList<string> Macs(JsonNode vm) =>
        (vm["spec"]?["template"]?["spec"]?["domain"]?["devices"]?["interfaces"] as JsonArray ?? [])
        .Select(i => i?["macAddress"]?.GetValue<string>())
        .OfType<string>()
        .ToList();

    /// <summary>True when the VM is meant to run (runStrategy Always/RerunOnFailure, or the older running: true).</summary>
    public static bool Running(JsonNode vm) =>
        vm["spec"]?["runStrategy"]?.GetValue<string>() is RunStrategies.Always or RunStrategies.RerunOnFailure
        || vm["spec"]?["running"]?.GetValue<bool>() == true;
}

public static class RunStrategies
{
    public const string Always = "Always";
    public const string Halted = "Halted";
    public const string RerunOnFailure = "RerunOnFailure";
}
