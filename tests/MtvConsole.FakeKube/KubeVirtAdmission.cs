using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MtvConsole.FakeKube;

/// <summary>
/// What KubeVirt's validating webhook refuses in a VirtualMachine's template, for the fields the console sets.
/// kubevirt/kubevirt 2959137c7 pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go
/// ValidateVirtualMachineInstanceSpec (also run on a VM's template): more than one pod network interface
/// (appendStatusCauseForMoreThanOnePodInterface), a disk bootOrder below 1 or used twice (validateBootOrder), a disk
/// serial with characters other than [A-Za-z0-9_.+-] or longer than maxStrLen (256).
/// </summary>
public static partial class KubeVirtAdmission
{
    private const int MaxStrLen = 256;

    [GeneratedRegex("^[A-Za-z0-9_.+-]+$")]
    private static partial Regex Serial();

    public static string? VirtualMachine(JsonObject o)
    {
        var vmi = o["spec"]?["template"]?["spec"];
        var pod = (vmi?["networks"] as JsonArray ?? []).Count(n => n?["pod"] is not null);
        if (pod > 1) return "spec.template.spec.interfaces: more than one interface is connected to a pod network in spec.template.spec.interfaces";

        var bootOrders = new HashSet<long>();
        var disks = vmi?["domain"]?["devices"]?["disks"] as JsonArray ?? [];
        for (var i = 0; i < disks.Count; i++)
        {
            var field = $"spec.template.spec.domain.devices.disks[{i}]";
            if (disks[i]?["bootOrder"] is { } order)
            {
                var value = order.GetValue<long>();
                if (value < 1) return $"{field}.bootOrder: {field} must have a boot order > 0, if supplied";
                if (!bootOrders.Add(value)) return $"{field}.bootOrder: Boot order for {field}.bootOrder already set for a different device.";
            }

            if (disks[i]?["serial"]?.GetValue<string>() is { Length: > 0 } serial)
            {
                if (!Serial().IsMatch(serial)) return $"{field}.serial: {field} must be made up of the following characters [A-Za-z0-9_.+-], if specified";
                if (serial.Length > MaxStrLen) return $"{field}.serial: {field} must be less than or equal to {MaxStrLen} in length, if specified";
            }
        }

        return null;
    }
}
