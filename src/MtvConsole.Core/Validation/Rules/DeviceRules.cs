using MtvConsole.Core.Inventory;

namespace MtvConsole.Core.Validation.Rules;

/// <summary>Rules over the VM's devices (PCI/SCSI passthrough, SR-IOV, USB).</summary>
internal static class DeviceRules
{
    public static IEnumerable<IValidationRule> All() =>
    [
        new Rule("vmware.passthrough_device.detected", ConcernCategory.Critical, "Passthrough device detected",
            "The VM has a PCI or SCSI passthrough device, which cannot be migrated. Remove the passthrough device in vSphere before migrating; attach host devices in OpenShift Virtualization afterwards if needed.",
            w => Has(w, DeviceKinds.PciPassthrough) || Has(w, DeviceKinds.ScsiPassthrough)),
        new Rule("vmware.device.sriov.detected", ConcernCategory.Warning, "SR-IOV passthrough adapter configuration detected",
            "The SR-IOV network adapter is not migrated as SR-IOV; map its network to an SR-IOV network attachment on the target or accept a regular interface.",
            w => Has(w, DeviceKinds.SriovEthernetCard)),
        new Rule("vmware.usb_controller.detected", ConcernCategory.Warning, "USB controller detected",
            "USB devices attached to the VM are not migrated. Detach them, or reattach the hardware to the target node after migration.",
            w => Has(w, DeviceKinds.UsbController)),
    ];

    private static bool Has(Workload w, string kind)
    {
        if (w.Devices is null) return false;
        foreach (var device in w.Devices)
            if (device.Kind == kind) return true;
        return false;
    }
}
