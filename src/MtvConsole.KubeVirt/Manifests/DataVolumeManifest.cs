using System.Text.Json.Nodes;
using MtvConsole.Core.Ports;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// A CDI DataVolume (<c>cdi.kubevirt.io/v1beta1</c>) importing one vSphere disk through VDDK: backing file
/// without the snapshot suffix, BIOS UUID, SDK URL, per-VM secret, thumbprint and the VDDK init image;
/// storage class, modes and size from the storage map and the disk; warm checkpoints. The VDDK init image
/// is the source provider's (kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/builder.go:700,
/// <c>settings.GetVDDKImage(r.Source.Provider.Spec.Settings)</c>); without one the field is left out, and
/// CDI then waits for its <c>v2v-vmware</c> ConfigMap (c07cdb6fb pkg/controller/import-controller.go:545-563).
/// </summary>
public static class DataVolumeManifest
{
    public static JsonObject Build(DataVolumeSpec spec, string secretName, IReadOnlyDictionary<string, string> transferNetwork)
    {
        var annotations = new Dictionary<string, string>(spec.Annotations);
        foreach (var (k, v) in transferNetwork) annotations[k] = v;
        var vddk = new JsonObject
        {
            ["backingFile"] = spec.BackingFile,
            ["uuid"] = spec.VmUuid,
            ["url"] = spec.SourceUrl,
            ["secretRef"] = secretName,
        };
        if (!string.IsNullOrEmpty(spec.VddkInitImage)) vddk["initImageURL"] = spec.VddkInitImage;
        if (spec.Thumbprint.Length > 0) vddk["thumbprint"] = spec.Thumbprint;
        var dvSpec = new JsonObject
        {
            ["source"] = new JsonObject { ["vddk"] = vddk },
            ["storage"] = new JsonObject
            {
                ["storageClassName"] = spec.StorageClass,
                ["volumeMode"] = Quantities.Mode(spec.VolumeMode),
                ["accessModes"] = new JsonArray(Quantities.Mode(spec.AccessMode)),
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = Quantities.Bytes(spec.SizeBytes) } },
            },
        };
        if (spec.Checkpoints.Count > 0)
        {
            dvSpec["checkpoints"] = Checkpoints(spec.Checkpoints);
            dvSpec["finalCheckpoint"] = false;
        }

        return new JsonObject
        {
            ["apiVersion"] = KubeResource.DataVolume.ApiVersion,
            ["kind"] = KubeResource.DataVolume.Kind,
            ["metadata"] = Json.Metadata(spec.Namespace, spec.Name, spec.Labels, annotations),
            ["spec"] = dvSpec,
        };
    }

    public static JsonArray Checkpoints(IEnumerable<DataVolumeCheckpoint> checkpoints) =>
        new([.. checkpoints.Select(c => (JsonNode)new JsonObject { ["previous"] = c.Previous, ["current"] = c.Current })]);
}
