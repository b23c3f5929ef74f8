using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MtvConsole.FakeKube;

/// <summary>
/// What the real API server (schema validation and the CDI/KubeVirt webhooks) rejects for the objects we
/// send. Each check returns "field: problem" or null.
/// </summary>
public static partial class RequiredFields
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    public static string? Dns1123Label(string name) =>
        name.Length <= 63 && Label().IsMatch(name) ? null
        : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

    public static string? Dns1123Subdomain(string name) =>
        name.Length <= 253 && Subdomain().IsMatch(name) ? null
        : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    public static string? DataVolume(JsonObject o)
    {
        var spec = o["spec"] as JsonObject;
        if (spec is null) return "spec: Required value";
        if (spec["source"] is null && spec["sourceRef"] is null) return "spec.source: Required value: data volume source or sourceRef is required";
        if (spec["pvc"] is null && spec["storage"] is null) return "spec: Required value: missing storage or pvc";
        if (spec["source"]?["vddk"] is JsonObject vddk)
        {
            foreach (var f in new[] { "url", "uuid", "backingFile", "secretRef" })
                if (string.IsNullOrEmpty(vddk[f]?.GetValue<string>())) return $"spec.source.vddk.{f}: Required value";
        }

        foreach (var c in spec["checkpoints"] as JsonArray ?? [])
        {
            if (c?["current"] is null || c["previous"] is null) return "spec.checkpoints: Required value: previous and current";
        }

        return null;
    }

    public static string? VirtualMachine(JsonObject o)
    {
        var spec = o["spec"];
        if (spec?["template"] is null) return "spec.template: Required value";
        if (spec["running"] is not null && spec["runStrategy"] is not null) return "spec.running: Invalid value: running and runStrategy are mutually exclusive";
        var vmi = spec["template"]?["spec"];
        var domain = vmi?["domain"];
        if (domain is null) return "spec.template.spec.domain: Required value";
        if (domain["devices"] is null) return "spec.template.spec.domain.devices: Required value";
        var interfaces = Names(domain["devices"]?["interfaces"]);
        var networks = Names(vmi?["networks"]);
        foreach (var i in interfaces.Where(i => !networks.Contains(i)))
            return $"spec.template.spec.domain.devices.interfaces: Invalid value: '{i}' has no matching network";
        var disks = Names(domain["devices"]?["disks"]);
        var volumes = Names(vmi?["volumes"]);
        foreach (var d in disks.Where(d => !volumes.Contains(d)))
            return $"spec.template.spec.domain.devices.disks: Invalid value: '{d}' has no matching volume";
        if (domain["firmware"]?["bootloader"]?["efi"]?["secureBoot"]?.GetValue<bool>() == true
            && domain["features"]?["smm"]?["enabled"]?.GetValue<bool>() != true)
            return "spec.template.spec.domain.features.smm: Invalid value: SMM must be enabled for EFI secure boot";
        return KubeVirtAdmission.VirtualMachine(o);
    }

    public static string? Pod(JsonObject o)
    {
        var containers = o["spec"]?["containers"] as JsonArray;
        if (containers is null || containers.Count == 0) return "spec.containers: Required value";
        foreach (var c in containers)
        {
            if (string.IsNullOrEmpty(c?["name"]?.GetValue<string>())) return "spec.containers[].name: Required value";
            if (string.IsNullOrEmpty(c?["image"]?.GetValue<string>())) return "spec.containers[].image: Required value";
        }

        return null;
    }

    public static string? Job(JsonObject o)
    {
        var pod = o["spec"]?["template"]?["spec"] as JsonObject;
        if (pod is null) return "spec.template.spec: Required value";
        var restart = pod["restartPolicy"]?.GetValue<string>();
        if (restart is not ("Never" or "OnFailure")) return $"spec.template.spec.restartPolicy: Unsupported value: \"{restart}\": supported values: \"OnFailure\", \"Never\"";
        return Pod(new JsonObject { ["spec"] = pod.DeepClone() });
    }

    public static string? StorageClass(JsonObject o) =>
        string.IsNullOrEmpty(o["provisioner"]?.GetValue<string>()) ? "provisioner: Required value" : null;

    private static HashSet<string> Names(JsonNode? array) =>
        (array as JsonArray ?? []).Select(n => n?["name"]?.GetValue<string>() ?? "").ToHashSet(StringComparer.Ordinal);
}
