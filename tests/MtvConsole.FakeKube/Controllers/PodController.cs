using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// Runs the virt-v2v conversion Pod as a kubelet and the current <c>forklift-virt-v2v</c> image would
/// (kubev2v/forklift d42511bb2 cmd/virt-v2v/entrypoint.go, pkg/virt-v2v/config/variables.go,
/// pkg/virt-v2v/conversion/conversion.go, pkg/virt-v2v/server/server.go). Pending until every PVC, Secret and
/// ConfigMap it mounts or takes environment from exists. Then the entrypoint reads only its environment and the
/// files under <c>/etc/secret</c>, and fails the pod with its own error where the real one would; a container with
/// <c>terminationMessagePolicy: FallbackToLogsOnError</c> gets that error as its termination message, others none.
/// Otherwise Running for <see cref="RunFor"/>, serving <c>v2v_disk_transfers{disk_id="N"}</c> on port 2112 as the disks
/// convert one after another. When the conversion is done, with <c>LOCAL_MIGRATION</c> false the pod Succeeds; with it
/// true or unset (the image's default) the pod keeps Running, serving <c>/vm</c>, <c>/inspection</c> and
/// <c>/warnings</c> on :8080, until <c>/shutdown</c> is POSTed. An image with "fail" in its name fails the conversion.
/// Importer pods are left to <see cref="CdiController"/>.
/// </summary>
public sealed partial class PodController(ObjectStore store, TimeProvider time)
{
    public const int ServerPort = 8080;
    private const string SecretDirectory = "/etc/secret";

    private readonly Dictionary<string, DateTimeOffset> _started = [];
    private readonly HashSet<string> _serving = [];

    public TimeSpan RunFor { get; set; } = TimeSpan.FromSeconds(60);

    public void Step()
    {
        var (pods, _) = store.List(ResourceTypes.Pod, null, p => p["metadata"]?["labels"]?["job-name"] is null
            && !(p["metadata"]?["name"]?.GetValue<string>() ?? "").StartsWith("importer-", StringComparison.Ordinal));
        foreach (var pod in pods)
        {
            var ns = pod["metadata"]!["namespace"]!.GetValue<string>();
            var name = pod["metadata"]!["name"]!.GetValue<string>();
            var uid = pod["metadata"]!["uid"]!.GetValue<string>();
            var phase = pod["status"]?["phase"]?.GetValue<string>();
            if (phase is "Succeeded" or "Failed") continue;
            if (Unmountable(pod, ns) is { } waiting)
            {
                SetStatus(ns, name, "Pending", waiting, null);
                continue;
            }

            if (!_started.TryGetValue(uid, out var started))
            {
                if (EntrypointProblem(pod, ns) is { } problem)
                {
                    SetStatus(ns, name, "Failed", "", TerminationMessage(pod, problem));
                    continue;
                }

                _started[uid] = time.GetUtcNow();
                SetStatus(ns, name, "Running", "", null);
                continue;
            }

            if (time.GetUtcNow() - started < RunFor || _serving.Contains(uid)) continue;
            var container = pod["spec"]!["containers"]![0]!;
            if (container["image"]!.GetValue<string>().Contains("fail", StringComparison.OrdinalIgnoreCase))
            {
                SetStatus(ns, name, "Failed", "", TerminationMessage(pod, "Failed to execute virt-v2v command exit status 1 (virt-v2v: error: inspection could not detect the source guest)"));
            }
            else if (EnvBool(container, "LOCAL_MIGRATION", true))
            {
                // entrypoint.go:103-115: after the conversion the server starts on :8080 and the process only
                // ends when /shutdown is called (server.go:39-52, 127-133).
                _serving.Add(uid);
            }
            else
            {
                SetStatus(ns, name, "Succeeded", "", "");
            }
        }
    }

    /// <summary>What the pod answers on a port and path: metrics while converting (2112), the results server afterwards (8080), else nothing.</summary>
    public string? Serve(string ns, string name, int port, string path)
    {
        var pod = store.Get(ResourceTypes.Pod, ns, name);
        if (pod?["status"]?["phase"]?.GetValue<string>() != "Running" || !_started.TryGetValue(pod["metadata"]!["uid"]!.GetValue<string>(), out var started))
            return null;
        var uid = pod["metadata"]!["uid"]!.GetValue<string>();
        if (port == ServerPort && _serving.Contains(uid))
        {
            // server.go:54-71: in-place conversions write no VM YAML, so /vm answers 204 (empty); /inspection the
            // inspector's XML; /warnings 204 when there are none.
            return path switch
            {
                "vm" or "warnings" => "",
                "inspection" => "<v2v-inspection><operatingsystem><name>linux</name></operatingsystem></v2v-inspection>",
                _ => null,
            };
        }

        if (port != 2112 || path != "metrics" || _serving.Contains(uid)) return null;
        var disks = (pod["spec"]?["volumes"] as JsonArray ?? []).Count(v => v?["persistentVolumeClaim"] is not null);
        var done = Math.Clamp((time.GetUtcNow() - started) / RunFor, 0, 1) * disks; // disks convert one after another
        var text = new StringBuilder("# HELP v2v_disk_transfers Percent of disk copy\n# TYPE v2v_disk_transfers gauge\n");
        for (var i = 0; i < disks; i++)
        {
            var percent = Math.Clamp(done - i, 0, 1) * 100;
            text.Append(CultureInfo.InvariantCulture, $"v2v_disk_transfers{{disk_id=\"{i + 1}\"}} {percent:0.##}\n");
        }

        return text.ToString();
    }

    /// <summary>A POST to the pod: <c>/shutdown</c> on :8080 stops the results server, and the container exits 0 (server.go:127-133).</summary>
    public string? Post(string ns, string name, int port, string path)
    {
        var pod = store.Get(ResourceTypes.Pod, ns, name);
        var uid = pod?["metadata"]?["uid"]?.GetValue<string>();
        if (port != ServerPort || path != "shutdown" || uid is null || !_serving.Remove(uid)) return null;
        SetStatus(ns, name, "Succeeded", "", "");
        return "";
    }

    /// <summary>Why the kubelet cannot start the container yet: a PVC, a mounted Secret or ConfigMap, or an envFrom Secret that does not exist.</summary>
    private string? Unmountable(JsonObject pod, string ns)
    {
        var volumes = pod["spec"]?["volumes"] as JsonArray ?? [];
        foreach (var volume in volumes)
        {
            if (volume?["persistentVolumeClaim"]?["claimName"]?.GetValue<string>() is { } claim && store.Get(ResourceTypes.DataVolume, ns, claim) is null)
                return $"persistentvolumeclaim \"{claim}\" not found";
            if (volume?["secret"]?["secretName"]?.GetValue<string>() is { } secret && store.Get(ResourceTypes.Secret, ns, secret) is null)
                return $"MountVolume.SetUp failed for volume \"{volume["name"]}\" : secret \"{secret}\" not found";
            if (volume?["configMap"]?["name"]?.GetValue<string>() is { } configMap && store.Get(ResourceTypes.ConfigMap, ns, configMap) is null)
                return $"MountVolume.SetUp failed: configmap \"{configMap}\" not found";
        }

        foreach (var source in pod["spec"]?["containers"]?[0]?["envFrom"] as JsonArray ?? [])
        {
            if (source?["secretRef"]?["name"]?.GetValue<string>() is { } secret && store.Get(ResourceTypes.Secret, ns, secret) is null)
                return $"CreateContainerConfigError: secret \"{secret}\" not found";
        }

        return null;
    }

    /// <summary>
    /// What the entrypoint prints before it exits 1, or null when it starts converting. Follows its order: load and
    /// validate the environment (variables.go:144-194, 293-332), then for an in-place conversion read the domain from
    /// libvirt with the login from <c>/etc/secret</c> (entrypoint.go:44-72; conversion.go:384-449), or the copy of a
    /// remote conversion through VDDK, which needs the server's thumbprint (conversion.go:223-247).
    /// </summary>
    private string? EntrypointProblem(JsonObject pod, string ns)
    {
        var container = pod["spec"]!["containers"]![0]!;
        var inPlace = EnvBool(container, "V2V_inPlace", false);
        var source = Env(container, "V2V_source") ?? "";
        var libvirtUrl = Env(container, "V2V_libvirtURL") ?? "";
        var vmName = Env(container, "V2V_vmName") ?? "";
        var secret = SecretFiles(pod, container, ns);
        if (!inPlace)
        {
            // variables.go:293-332 (validate), printed by entrypoint.go:17-20 as "Failed to load variables <error>".
            var invalid = source switch
            {
                "vSphere" when libvirtUrl.Length == 0 => "the env variable 'V2V_libvirtURL' is needed for the migration",
                "vSphere" when vmName.Length == 0 => "the env variable 'V2V_vmName' is needed for the migration",
                "vSphere" when !secret.ContainsKey("secretKey") => "stat /etc/secret/secretKey: no such file or directory",
                "vSphere" => null,
                "ova" or "hyperv" when (Env(container, "V2V_diskPath") ?? "").Length == 0 => "the env variable 'V2V_diskPath' is needed for the migration",
                "ova" or "hyperv" => null,
                _ => "invalid variable 'V2V_source', the valid options are 'ova', 'vSphere', or 'hyperv'",
            };
            if (invalid is not null) return $"Failed to load variables {invalid}";
        }

        var disks = DiskCount(pod);
        if (!inPlace)
        {
            // virt-v2v -i libvirt … -it vddk -io vddk-thumbprint=<V2V_fingerprint> (conversion.go:223-247): VDDK checks
            // the server's certificate against it; nbdkit 45b72f5b plugins/vddk/vddk.c:782-803 reports a missing or
            // wrong one this way.
            var fingerprint = Env(container, "V2V_fingerprint") ?? "";
            if (!Sha1Thumbprint().IsMatch(fingerprint))
                return "Failed to execute virt-v2v command exit status 1 (nbdkit: vddk[1]: error: VixDiskLib_Open: [datastore] disk.vmdk: Unknown error; "
                    + $"Please verify whether the \"thumbprint\" parameter ({(fingerprint.Length == 0 ? "not specified" : fingerprint)}) matches the SHA1 fingerprint of the remote VMware server.)";
            return null;
        }

        if (libvirtUrl.Length == 0)
        {
            // entrypoint.go:64-71: no libvirt URL → virt-v2v-in-place -i disk over the mounted disks (conversion.go:167-170).
            return disks == 0 ? "Failed to execute virt-v2v command no disks found for in-place conversion" : null;
        }

        return DomainXmlProblem(libvirtUrl, vmName, secret) is { } problem
            ? $"Failed to execute virt-v2v command failed to get domain XML: {problem}"
            : null;
    }

    /// <summary>conversion.go:384-449 (GetDomainXML): parse the URL, read the login, connect with libvirt's ESX driver, look the VM up by name.</summary>
    private static string? DomainXmlProblem(string libvirtUrl, string vmName, IReadOnlyDictionary<string, string> secret)
    {
        if (!Uri.TryCreate(libvirtUrl, UriKind.Absolute, out var url) || libvirtUrl.Contains(' ', StringComparison.Ordinal))
            return $"failed to parse libvirt URL: parse \"{libvirtUrl}\": invalid URL";
        if (!secret.TryGetValue("accessKeyId", out var user))
            return $"failed to read username from secret: open {SecretDirectory}/accessKeyId: no such file or directory";
        if (!secret.TryGetValue("secretKey", out _))
            return $"failed to read password from secret: open {SecretDirectory}/secretKey: no such file or directory";
        // libvirt's ESX driver (vpx:// through vCenter, esx:// to a host) is the only one the image's libvirt has for vSphere.
        if (url.Scheme is not ("vpx" or "esx"))
            return $"virError(Code=38, Domain=0, Message='no connection driver available for {libvirtUrl}')";
        var path = url.AbsolutePath.Trim('/');
        if (url.Scheme == "vpx" && path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length < 2)
            return "virError(Code=1, Domain=25, Message='internal error: Path has to specify the datacenter and compute resource')";
        var query = url.Query.TrimStart('?').Split('&');
        if (!query.Contains("no_verify=1") && !(query.Any(q => q.StartsWith("cacert=", StringComparison.Ordinal)) && secret.ContainsKey("cacert")))
            return "virError(Code=38, Domain=25, Message='internal error: curl_easy_perform() returned an error: Peer certificate cannot be authenticated with given CA certificates (60)')";
        // libvirt logs in as the URL's user with the Secret's password; another user's login is refused.
        var urlUser = Uri.UnescapeDataString(url.UserInfo);
        if (urlUser.Length > 0 && urlUser != user)
            return $"virError(Code=45, Domain=25, Message='internal error: HTTP response code 500 for call to 'Login'. Fault: ServerFaultCode - Cannot complete login due to an incorrect user name or password. (user {urlUser})')";
        if (vmName.Length == 0)
            return "failed to lookup domain : virError(Code=42, Domain=25, Message='Domain not found')";
        return null;
    }

    /// <summary>The files under <c>/etc/secret</c>: the keys of the Secret volume mounted there, or none.</summary>
    private Dictionary<string, string> SecretFiles(JsonObject pod, JsonNode container, string ns)
    {
        var mount = (container["volumeMounts"] as JsonArray ?? []).FirstOrDefault(m => m?["mountPath"]?.GetValue<string>()?.TrimEnd('/') == SecretDirectory);
        var volume = (pod["spec"]!["volumes"] as JsonArray ?? []).FirstOrDefault(v => v?["name"]?.GetValue<string>() == mount?["name"]?.GetValue<string>());
        var secretName = volume?["secret"]?["secretName"]?.GetValue<string>();
        var stored = secretName is null ? null : store.Get(ResourceTypes.Secret, ns, secretName);
        var files = (stored?["data"] as JsonObject ?? []).ToDictionary(d => d.Key, d => Encoding.UTF8.GetString(Convert.FromBase64String(d.Value!.GetValue<string>())), StringComparer.Ordinal);
        foreach (var (key, value) in stored?["stringData"] as JsonObject ?? []) files[key] = value!.GetValue<string>();
        return files;
    }

    private static int DiskCount(JsonObject pod)
    {
        var container = pod["spec"]!["containers"]![0]!;
        var mounts = (container["volumeMounts"] as JsonArray ?? []).Count(m => DiskMount().IsMatch(m?["mountPath"]?.GetValue<string>() ?? ""));
        var devices = (container["volumeDevices"] as JsonArray ?? []).Count(d => BlockDevice().IsMatch(d?["devicePath"]?.GetValue<string>() ?? ""));
        return mounts + devices;
    }

    private static string? Env(JsonNode container, string name) =>
        (container["env"] as JsonArray ?? []).FirstOrDefault(e => e?["name"]?.GetValue<string>() == name)?["value"]?.GetValue<string>();

    /// <summary>variables.go:255-264 (getEnvBool): strconv.ParseBool, the default when unset or unparsable.</summary>
    private static bool EnvBool(JsonNode container, string name, bool byDefault) => Env(container, name) switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => byDefault,
    };

    /// <summary>The kubelet writes the log's tail as the termination message only for FallbackToLogsOnError.</summary>
    private static string TerminationMessage(JsonObject pod, string log) =>
        pod["spec"]!["containers"]![0]!["terminationMessagePolicy"]?.GetValue<string>() == "FallbackToLogsOnError" ? log : "";

    private void SetStatus(string ns, string name, string phase, string message, string? terminated) =>
        store.Mutate(ResourceTypes.Pod, ns, name, p =>
        {
            var container = new JsonObject { ["name"] = p["spec"]!["containers"]![0]!["name"]!.GetValue<string>(), ["restartCount"] = 0 };
            if (terminated is not null)
                container["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = phase == "Failed" ? 1 : 0, ["message"] = terminated } };
            p["status"] = new JsonObject { ["phase"] = phase, ["message"] = message, ["containerStatuses"] = new JsonArray(container) };
        });

    [GeneratedRegex("^([0-9A-Fa-f]{2}:){19}[0-9A-Fa-f]{2}$")]
    private static partial Regex Sha1Thumbprint();

    /// <summary>config.FS and config.BLOCK (variables.go:55-58): the disks the entrypoint globs.</summary>
    [GeneratedRegex("^/mnt/disks/disk[0-9]+$")]
    private static partial Regex DiskMount();

    [GeneratedRegex("^/dev/block[0-9]+$")]
    private static partial Regex BlockDevice();
}
