using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// The importer pod of a VDDK DataVolume, as CDI makes it and the kubelet starts it. CDI needs a VDDK init image: the
/// DataVolume's <c>initImageURL</c>, else the <c>vddk-init-image</c> of a <c>v2v-vmware</c> ConfigMap; without either the
/// claim waits, Pending (kubevirt/containerized-data-importer c07cdb6fb pkg/controller/import-controller.go:545-563,
/// reason AwaitingVDDK). The pod is <c>importer-&lt;dv&gt;</c>, labelled <c>app=containerized-data-importer</c>,
/// <c>cdi.kubevirt.io=importer</c>, controlled by the claim, with the image in the <c>vddk-side-car</c> init container
/// (import-controller.go:1001-1040 makeImporterPodSpec, 1247-1275 makeImporterInitContainersSpec). An image the
/// nodes cannot pull (<see cref="ContainerImages"/>) keeps the pod Pending in ErrImagePull, then ImagePullBackOff, for ever,
/// and the DataVolume ImportScheduled: nothing in CDI gives up.
/// </summary>
public sealed class CdiImporterPods(ObjectStore store, ContainerImages images)
{
    public const string SideCar = "vddk-side-car";
    public const string ImporterImage = "quay.io/kubevirt/cdi-importer:v1.62.0";

    /// <summary>Why the DataVolume's claim waits for a VDDK image (CDI's message), or null when it has one.</summary>
    public string? AwaitingVddk(JsonObject dv)
    {
        if (dv["spec"]?["source"]?["vddk"] is not JsonObject) return null;
        return VddkImage(dv) is null
            ? "waiting for v2v-vmware configmap or cdi.kubevirt.io/storage.pod.vddk.initimageurl annotation for VDDK image"
            : null;
    }

    /// <summary>
    /// Creates the importer pod if needed and lets the kubelet try its init image: true once the image is pulled (the
    /// import may run), false while the pod waits in ErrImagePull/ImagePullBackOff.
    /// </summary>
    /// <param name="claim">The claim that does the import (the DataVolume's, or <c>prime-&lt;uid&gt;</c> with populators); the pod is <c>importer-&lt;claim&gt;</c>.</param>
    public bool Started(string ns, string claim, JsonObject dv)
    {
        if (VddkImage(dv) is not { } image) return true;
        var podName = $"importer-{claim}";
        if (store.Get(ResourceTypes.Pod, ns, podName) is null) store.Create(ResourceTypes.Pod, ns, Pod(podName, claim, image));
        var pod = store.Get(ResourceTypes.Pod, ns, podName)!;
        if (images.IsPullable(image))
        {
            if (pod["status"]?["phase"]?.GetValue<string>() == "Pending")
                store.Mutate(ResourceTypes.Pod, ns, podName, p => p["status"] = new JsonObject { ["phase"] = "Running" });
            return true;
        }

        // kubernetes 00a3928bde pkg/kubelet/images/image_manager.go: the first pull fails (ErrImagePull), then it backs off.
        var tried = pod["status"]?["initContainerStatuses"] is JsonArray;
        var (reason, message) = tried ? ("ImagePullBackOff", ContainerImages.BackOff(image)) : ("ErrImagePull", ContainerImages.PullError(image));
        store.Mutate(ResourceTypes.Pod, ns, podName, p => p["status"] = new JsonObject
        {
            ["phase"] = "Pending",
            ["initContainerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = SideCar,
                ["image"] = image,
                ["ready"] = false,
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = message } },
            }),
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "importer",
                ["image"] = ImporterImage,
                ["ready"] = false,
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "PodInitializing" } },
            }),
        });
        return false;
    }

    private string? VddkImage(JsonObject dv)
    {
        if (dv["spec"]?["source"]?["vddk"]?["initImageURL"]?.GetValue<string>() is { Length: > 0 } image) return image;
        var (configMaps, _) = store.List(ResourceTypes.ConfigMap, null, c => c["metadata"]?["name"]?.GetValue<string>() == "v2v-vmware");
        return configMaps.Select(c => c["data"]?["vddk-init-image"]?.GetValue<string>()).FirstOrDefault(i => !string.IsNullOrEmpty(i));
    }

    private static JsonObject Pod(string podName, string claim, string image) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = podName,
            ["labels"] = new JsonObject
            {
                ["app"] = "containerized-data-importer",
                ["cdi.kubevirt.io"] = "importer",
                ["prometheus.cdi.kubevirt.io"] = "true",
            },
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "PersistentVolumeClaim",
                ["name"] = claim,
                ["uid"] = Guid.NewGuid().ToString(),
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            }),
        },
        ["spec"] = new JsonObject
        {
            ["restartPolicy"] = "OnFailure",
            ["initContainers"] = new JsonArray(new JsonObject
            {
                ["name"] = SideCar,
                ["image"] = image,
                ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "vddk-vol-mount", ["mountPath"] = "/opt" }),
            }),
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "importer", ["image"] = ImporterImage }),
            ["volumes"] = new JsonArray(new JsonObject { ["name"] = "vddk-vol-mount", ["emptyDir"] = new JsonObject() }),
        },
        ["status"] = new JsonObject { ["phase"] = "Pending" },
    };
}
