using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using YamlDotNet.Serialization;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// Renders what a plan will create as multi-document YAML, per VM: the VDDK Secret (values redacted),
/// DataVolumes, the VirtualMachine, the conversion Pod (which mounts that Secret), and hook ConfigMaps and Jobs. The transfer
/// network is shown in its multus default-network form (the final form depends on the NAD at start).
/// </summary>
public static class ManifestPreview
{
    public const string Redacted = "<redacted>";

    // Strings YAML would read as another type (annotation "true", a numeric label) are quoted so the YAML applies as shown.
    private static readonly ISerializer Yaml = new SerializerBuilder().DisableAliases().WithQuotingNecessaryStrings().Build();

    public static string Render(IEnumerable<VmTargetPreview> vms, KubeVirtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new StringBuilder();
        foreach (var vm in vms)
        {
            foreach (var (title, yaml) in Objects(vm, options))
            {
                b.Append("---\n# ").Append(vm.VmName).Append(" (").Append(vm.VmId).Append("): ").Append(title).Append('\n');
                b.Append(yaml.TrimEnd()).Append('\n');
            }
        }

        return b.ToString();
    }

    public static IEnumerable<(string Title, string Yaml)> Objects(VmTargetPreview vm, KubeVirtOptions options)
    {
        var first = vm.DataVolumes.FirstOrDefault();
        var labels = first?.Labels ?? vm.VirtualMachine.Labels;
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = vm.SecretName, NamespaceProperty = vm.VirtualMachine.Namespace, Labels = new Dictionary<string, string>(labels) },
            Type = "Opaque",
            StringData = new Dictionary<string, string> { ["accessKeyId"] = Redacted, ["secretKey"] = Redacted },
        };
        yield return ("Secret " + vm.SecretName, KubernetesYaml.Serialize(secret));
        foreach (var dv in vm.DataVolumes)
        {
            var transfer = dv.TransferNetwork?.Split('/', 2) is [var ns, var name]
                ? TransferNetworkAnnotations.For(ns, name, null, null)
                : new Dictionary<string, string>();
            yield return ("DataVolume " + dv.Name, JsonToYaml(DataVolumeManifest.Build(dv, vm.SecretName, transfer)));
        }

        yield return ("VirtualMachine " + vm.VirtualMachine.Name, JsonToYaml(VirtualMachineManifest.Build(vm.VirtualMachine)));
        var modes = vm.DataVolumes.Select(d => d.VolumeMode).ToList();
        // The libvirt user is the provider's (or migration host's) account, which the VDDK Secret above holds.
        var user = vm.ConversionPod.Source?.User ?? "";
        yield return ("Pod " + vm.ConversionPod.Name, KubernetesYaml.Serialize(ConversionPodManifest.Build(vm.ConversionPod, modes, options, user)));
        foreach (var hook in vm.Hooks)
        {
            yield return ("ConfigMap " + hook.Name, KubernetesYaml.Serialize(HookJobManifest.ConfigMap(hook, hook.Labels, hook.WorkloadYaml, hook.PlanYaml)));
            yield return ("Job " + hook.Name, KubernetesYaml.Serialize(HookJobManifest.Job(hook, hook.Labels)));
        }
    }

    /// <summary>YAML of a JSON manifest, keys in their order.</summary>
    public static string JsonToYaml(JsonNode node) => Yaml.Serialize(Plain(node));

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => decimal.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };
}
