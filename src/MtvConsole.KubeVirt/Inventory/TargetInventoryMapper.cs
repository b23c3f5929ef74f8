using System.Text.Json.Nodes;
using k8s.Models;
using MtvConsole.Core.Inventory;
using MtvConsole.KubeVirt.Manifests;
using CoreStorageClass = MtvConsole.Core.Inventory.StorageClass;

namespace MtvConsole.KubeVirt.Inventory;

/// <summary>Maps Kubernetes objects to the inventory records the wizard and validation use.</summary>
public static class TargetInventoryMapper
{
    public const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";

    public static NetworkAttachmentDefinition Nad(JsonObject nad) => new(
        nad["metadata"]?["namespace"]?.GetValue<string>() ?? "",
        nad["metadata"]?["name"]?.GetValue<string>() ?? "",
        nad["spec"]?["config"]?.GetValue<string>() ?? "",
        nad["metadata"]?["annotations"]?[TransferNetworkRoute.RouteAnnotation]?.GetValue<string>());

    public static TargetVm Vm(JsonObject vm) => new(
        vm["metadata"]?["namespace"]?.GetValue<string>() ?? "",
        vm["metadata"]?["name"]?.GetValue<string>() ?? "",
        VirtualMachineManifest.Macs(vm),
        VirtualMachineManifest.Running(vm));

    /// <summary>A storage class with the default volume and access modes of its CDI StorageProfile (claimPropertySets[0]).</summary>
    public static CoreStorageClass StorageClass(V1StorageClass sc, JsonObject? profile)
    {
        var claim = (profile?["status"]?["claimPropertySets"] as JsonArray)?.FirstOrDefault();
        var volumeMode = Quantities.ParseVolumeMode(claim?["volumeMode"]?.GetValue<string>()) ?? VolumeMode.Filesystem;
        var accessMode = Quantities.ParseAccessMode((claim?["accessModes"] as JsonArray)?.FirstOrDefault()?.GetValue<string>()) ?? AccessMode.ReadWriteOnce;
        var isDefault = sc.Metadata.Annotations?.TryGetValue(DefaultClassAnnotation, out var d) == true && d == "true";
        return new CoreStorageClass(sc.Metadata.Name, sc.Provisioner, isDefault, volumeMode, accessMode, sc.VolumeBindingMode ?? "Immediate", 0);
    }
}
