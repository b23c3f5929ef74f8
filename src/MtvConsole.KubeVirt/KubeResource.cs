namespace MtvConsole.KubeVirt;

/// <summary>A custom resource type as the generic (CustomObjects) API addresses it.</summary>
public sealed record KubeResource(string Group, string Version, string Plural, string Kind)
{
    public string ApiVersion => $"{Group}/{Version}";

    public static readonly KubeResource DataVolume = new("cdi.kubevirt.io", "v1beta1", "datavolumes", "DataVolume");
    public static readonly KubeResource StorageProfile = new("cdi.kubevirt.io", "v1beta1", "storageprofiles", "StorageProfile");
    public static readonly KubeResource VirtualMachine = new("kubevirt.io", "v1", "virtualmachines", "VirtualMachine");
    public static readonly KubeResource NetworkAttachmentDefinition = new("k8s.cni.cncf.io", "v1", "network-attachment-definitions", "NetworkAttachmentDefinition");
}
