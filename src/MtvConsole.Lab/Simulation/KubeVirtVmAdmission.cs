using System.Text.RegularExpressions;
using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.Simulation;

/// <summary>
/// What the Lab cluster refuses in a new VirtualMachine because KubeVirt's validating webhook refuses it:
/// kubevirt/kubevirt 2959137c7 pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go
/// ValidateVirtualMachineInstanceSpec: more than one interface on the pod network; a disk serial with characters
/// other than [A-Za-z0-9_.+-] or longer than 256. The same rules as FakeKube's KubeVirtAdmission.
/// </summary>
internal static partial class KubeVirtVmAdmission
{
    private const int MaxStrLen = 256;

    [GeneratedRegex("^[A-Za-z0-9_.+-]+$")]
    private static partial Regex Serial();

    public static void Check(TargetVmSpec spec)
    {
        if (spec.Nics.Count(n => string.Equals(n.NetworkType, "pod", StringComparison.OrdinalIgnoreCase)) > 1)
        {
            throw new InvalidOperationException(
                $"VirtualMachine '{spec.Namespace}/{spec.Name}' is invalid: more than one interface is connected to a pod network in spec.template.spec.interfaces (Invalid).");
        }

        for (var i = 0; i < spec.DataVolumes.Count; i++)
        {
            if (!spec.DiskSerials.TryGetValue(spec.DataVolumes[i], out var serial) || serial.Length == 0) continue;
            var field = $"spec.template.spec.domain.devices.disks[{i}]";
            if (!Serial().IsMatch(serial))
            {
                throw new InvalidOperationException(
                    $"VirtualMachine '{spec.Namespace}/{spec.Name}' is invalid: {field} must be made up of the following characters [A-Za-z0-9_.+-], if specified (Invalid).");
            }

            if (serial.Length > MaxStrLen)
            {
                throw new InvalidOperationException(
                    $"VirtualMachine '{spec.Namespace}/{spec.Name}' is invalid: {field} must be less than or equal to {MaxStrLen} in length, if specified (Invalid).");
            }
        }
    }
}
