using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Components.Shared;

/// <summary>The labels of the four inventory counts, which differ between vSphere and OpenShift providers.</summary>
public static class ProviderCounts
{
    public static (string Vms, string Hosts, string Networks, string Datastores) Labels(ProviderType type) =>
        type == ProviderType.Vsphere
            ? ("VMs", "Hosts", "Networks", "Datastores")
            : ("VMs", "Hosts", "Network attachments", "Storage classes");
}
