using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube;

/// <summary>A kind the fake API server serves: where it lives, whether it is namespaced, and what it requires.</summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced, Func<JsonObject, string?>? Validate = null)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>How the API server names the resource in messages: <c>datavolumes.cdi.kubevirt.io</c>, <c>pods</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string Key => $"{Group}/{Plural}";
}

/// <summary>The kinds this fake knows; anything else is 404, as on a cluster without that CRD.</summary>
public static class ResourceTypes
{
    public static readonly ResourceType Namespace = new("", "v1", "namespaces", "Namespace", false);
    public static readonly ResourceType Pod = new("", "v1", "pods", "Pod", true, RequiredFields.Pod);
    public static readonly ResourceType Secret = new("", "v1", "secrets", "Secret", true);
    public static readonly ResourceType ConfigMap = new("", "v1", "configmaps", "ConfigMap", true);
    public static readonly ResourceType PersistentVolumeClaim = new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true);
    public static readonly ResourceType StorageClass = new("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, RequiredFields.StorageClass);
    public static readonly ResourceType Job = new("batch", "v1", "jobs", "Job", true, RequiredFields.Job);
    public static readonly ResourceType DataVolume = new("cdi.kubevirt.io", "v1beta1", "datavolumes", "DataVolume", true, RequiredFields.DataVolume);
    public static readonly ResourceType StorageProfile = new("cdi.kubevirt.io", "v1beta1", "storageprofiles", "StorageProfile", false);
    public static readonly ResourceType VirtualMachine = new("kubevirt.io", "v1", "virtualmachines", "VirtualMachine", true, RequiredFields.VirtualMachine);
    public static readonly ResourceType Nad = new("k8s.cni.cncf.io", "v1", "network-attachment-definitions", "NetworkAttachmentDefinition", true);

    public static readonly IReadOnlyList<ResourceType> All = [Namespace, Pod, Secret, ConfigMap, PersistentVolumeClaim, StorageClass, Job, DataVolume, StorageProfile, VirtualMachine, Nad];

    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);
}
