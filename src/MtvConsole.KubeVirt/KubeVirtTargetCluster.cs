using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.KubeVirt.Connection;
using MtvConsole.KubeVirt.Inventory;
using MtvConsole.KubeVirt.Manifests;

namespace MtvConsole.KubeVirt;

/// <summary>
/// The real OpenShift Virtualization target: CDI DataVolumes, KubeVirt VirtualMachines, the virt-v2v
/// conversion Pod and the per-VM VDDK Secret, through KubernetesClient. A create answering 409 adopts the
/// existing object when it carries the same plan and vmID labels (our own, from an earlier attempt) and
/// is refused otherwise; updates retry on conflict.
/// </summary>
public sealed class KubeVirtTargetCluster(IKubernetes client, ISourceCredentials credentials, KubeVirtOptions options, TargetInventoryCache? watched = null) : ITargetCluster
{
    private readonly CustomObjectGateway _objects = new(client);
    private readonly TargetInventoryReader _inventory = new(client);

    public IKubernetes Client => client;

    /// <summary>The inventory kept by a running watch, when there is one; otherwise null.</summary>
    public TargetInventoryCache? Watched => watched;

    /// <summary>The watched inventory once it has synced; otherwise one list per kind. An API refusal becomes a <see cref="ClusterConnectionException"/>.</summary>
    public async Task<TargetInventory> GetInventoryAsync(CancellationToken cancellationToken = default)
    {
        if (watched is { Synced: true }) return watched.Snapshot();
        try
        {
            return await _inventory.ReadAsync(cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw new ClusterConnectionException($"The API server answered {(int?)e.Response?.StatusCode} {e.Response?.StatusCode}: {e.ServerMessage()}", e);
        }
        catch (System.Net.Http.HttpRequestException e) when (UntrustedCertificate.Is(e))
        {
            throw new ClusterConnectionException(UntrustedCertificate.Describe(e), e);
        }
    }

    /// <summary>The server version and the permissions the migration lacks (SelfSubjectAccessReview).</summary>
    public Task<ConnectionReport> TestConnectionAsync(CancellationToken cancellationToken = default) =>
        ConnectionTester.TestAsync(client, options: options, ct: cancellationToken);

    public async Task EnsureNamespaceAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict))
        {
        }
    }

    public async Task CreateDataVolumeAsync(DataVolumeSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var secretName = spec.SecretName ?? spec.Name;
        var secret = await EnsureVddkSecretAsync(spec, secretName, cancellationToken);
        var transfer = await TransferNetworkAsync(spec.TransferNetwork, cancellationToken);
        var manifest = DataVolumeManifest.Build(spec, secretName, transfer);
        var dv = await CreateOrAdoptAsync(KubeResource.DataVolume, spec.Namespace, manifest, spec.Labels, cancellationToken);

        // The Secret goes when the last of the VM's DataVolumes goes (they own it together).
        var reference = OwnerReferences.To(KubeResource.DataVolume.ApiVersion, KubeResource.DataVolume.Kind, spec.Name, Uid(dv));
        await OwnerReferences.ExplainRefusalAsync(KubeResource.DataVolume.Plural, KubeResource.DataVolume.Group, async () =>
        {
            await UpdateSecretOwnersAsync(secret, reference, cancellationToken);
            return true;
        });
    }

    public async Task<DataVolumeStatus?> GetDataVolumeAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        var dv = await _objects.GetAsync(KubeResource.DataVolume, @namespace, name, cancellationToken);
        if (dv is null) return null;
        var restarts = dv["status"]?["restartCount"]?.GetValue<int>() ?? 0;
        var paused = dv["status"]?["phase"]?.GetValue<string>() == "Paused";
        var claim = restarts > 0 || paused
            ? await DataVolumeClaim.ReadAsync(client, @namespace, dv["status"]?["claimName"]?.GetValue<string>() ?? name, withImporterPod: restarts > 0, cancellationToken)
            : null;
        var termination = claim?.ImporterPod is { } pod ? await ImporterTerminationMessageAsync(@namespace, pod, cancellationToken) : null;
        var status = DataVolumeStatusReader.Read(dv, termination) with { CopiedCheckpoints = claim?.CopiedCheckpoints ?? [] };
        return status.Phase is DataVolumePhase.Pending or DataVolumePhase.ImportScheduled
            ? status with { ImporterWaiting = await ImporterPodWaiting.FindAsync(client, @namespace, name, cancellationToken) }
            : status;
    }

    public async Task AddCheckpointAsync(string @namespace, string name, DataVolumeCheckpoint checkpoint, bool final, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await _objects.UpdateAsync(KubeResource.DataVolume, @namespace, name, dv =>
        {
            var spec = dv["spec"] as JsonObject ?? throw new InvalidOperationException($"DataVolume '{@namespace}/{name}' has no spec.");
            if (spec["checkpoints"] is not JsonArray checkpoints)
            {
                checkpoints = [];
                spec["checkpoints"] = checkpoints;
            }

            var changed = false;
            if (!checkpoints.Any(c => c?["current"]?.GetValue<string>() == checkpoint.Current && c?["previous"]?.GetValue<string>() == checkpoint.Previous))
            {
                checkpoints.Add(new JsonObject { ["previous"] = checkpoint.Previous, ["current"] = checkpoint.Current });
                changed = true;
            }

            if (final && spec["finalCheckpoint"]?.GetValue<bool>() != true)
            {
                spec["finalCheckpoint"] = true;
                changed = true;
            }

            return changed;
        }, cancellationToken);
    }

    public Task DeleteDataVolumeAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        _objects.DeleteAsync(KubeResource.DataVolume, @namespace, name, cancellationToken);

    public async Task CreateVirtualMachineAsync(TargetVmSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await RefuseMacConflictsAsync(spec, cancellationToken);
        var vm = await CreateOrAdoptAsync(KubeResource.VirtualMachine, spec.Namespace, VirtualMachineManifest.Build(spec), spec.Labels, cancellationToken);
        var reference = OwnerReferences.To(KubeResource.VirtualMachine.ApiVersion, KubeResource.VirtualMachine.Kind, spec.Name, Uid(vm));
        foreach (var dv in spec.DataVolumes)
        {
            await OwnerReferences.ExplainRefusalAsync(KubeResource.VirtualMachine.Plural, KubeResource.VirtualMachine.Group,
                () => _objects.UpdateAsync(KubeResource.DataVolume, spec.Namespace, dv, o => OwnerReferences.Add(o, reference.DeepClone().AsObject()), cancellationToken));
        }
    }

    public async Task<TargetVm?> GetVirtualMachineAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        var vm = await _objects.GetAsync(KubeResource.VirtualMachine, @namespace, name, cancellationToken);
        return vm is null ? null : new TargetVm(@namespace, name, VirtualMachineManifest.Macs(vm), VirtualMachineManifest.Running(vm));
    }

    public Task StartVirtualMachineAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        _objects.MergePatchAsync(KubeResource.VirtualMachine, @namespace, name,
            new JsonObject { ["spec"] = new JsonObject { ["runStrategy"] = RunStrategies.Always, ["running"] = null } }, cancellationToken);

    /// <summary>Deletes the VM; the garbage collector removes the DataVolumes it owns.</summary>
    public Task DeleteVirtualMachineAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        _objects.DeleteAsync(KubeResource.VirtualMachine, @namespace, name, cancellationToken);

    public async Task CreateConversionPodAsync(ConversionPodSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var modes = new List<VolumeMode>();
        foreach (var dv in spec.DataVolumes)
        {
            var obj = await _objects.GetAsync(KubeResource.DataVolume, spec.Namespace, dv, cancellationToken);
            modes.Add(Quantities.ParseVolumeMode(obj?["spec"]?["storage"]?["volumeMode"]?.GetValue<string>()) ?? VolumeMode.Filesystem);
        }

        var user = await ConversionUserAsync(spec, cancellationToken);
        var pod = ConversionPodManifest.Build(spec, modes, options, user);
        try
        {
            await client.CoreV1.CreateNamespacedPodAsync(pod, spec.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict))
        {
            var existing = await client.CoreV1.ReadNamespacedPodAsync(spec.Name, spec.Namespace, cancellationToken: cancellationToken);
            RefuseForeign("Pod", spec.Namespace, spec.Name, existing.Metadata.Labels, spec.Labels);
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.Forbidden) && e.ServerMessage().Contains("security context constraint", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The API server refused conversion pod '{spec.Namespace}/{spec.Name}' (it runs as user and group {ConversionPodManifest.QemuUser}): {e.ServerMessage()} "
                + $"Allow the console's account to use the SecurityContextConstraints '{options.ConversionScc}' (ClusterRole rule: apiGroups [security.openshift.io], resources [securitycontextconstraints], resourceNames [{options.ConversionScc}], verbs [use]).", e);
        }
    }

    public async Task<PodStatus?> GetPodAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        var pod = await KubeErrors.OrNullAsync(() => client.CoreV1.ReadNamespacedPodAsync(name, @namespace, cancellationToken: cancellationToken));
        if (pod is null) return null;
        var status = ConversionPodStatus.Read(pod);
        if (status.Phase != PodPhase.Running) return status;
        var progress = await MetricsProgressAsync(pod, cancellationToken);
        return progress is null ? status : status with { ProgressPercent = progress.Value };
    }

    public Task DeletePodAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        KubeErrors.IgnoreNotFoundAsync(() => client.CoreV1.DeleteNamespacedPodAsync(name, @namespace, cancellationToken: cancellationToken));

    /// <summary>
    /// The libvirt user of the conversion: the <c>accessKeyId</c> of the VM's VDDK Secret (made with its DataVolumes),
    /// since libvirt logs in with the URL's user and the Secret's password.
    /// </summary>
    private async Task<string> ConversionUserAsync(ConversionPodSpec spec, CancellationToken ct)
    {
        if (spec.SecretName.Length == 0 || spec.Source is null)
            throw new InvalidOperationException($"Conversion pod '{spec.Namespace}/{spec.Name}' needs the VM's VDDK Secret and its libvirt source.");
        var secret = await KubeErrors.OrNullAsync(() => client.CoreV1.ReadNamespacedSecretAsync(spec.SecretName, spec.Namespace, cancellationToken: ct))
            ?? throw new InvalidOperationException($"The VDDK Secret '{spec.Namespace}/{spec.SecretName}' the conversion pod logs in to vSphere with does not exist; it is made with the VM's DataVolumes, so restart the migration.");
        RefuseForeign("Secret", spec.Namespace, spec.SecretName, secret.Metadata.Labels, spec.Labels);
        return secret.Data?.TryGetValue("accessKeyId", out var user) == true && user.Length > 0
            ? System.Text.Encoding.UTF8.GetString(user)
            : throw new InvalidOperationException($"The VDDK Secret '{spec.Namespace}/{spec.SecretName}' has no accessKeyId; delete it and restart the migration so it is made again.");
    }

    /// <summary>
    /// The running conversion's percentage from the pod's metrics endpoint, read through the API server's
    /// pod proxy (<c>pods/proxy</c>); null when the endpoint cannot be read yet (or the proxy is not
    /// allowed), so progress then stays by phase.
    /// </summary>
    private async Task<double?> MetricsProgressAsync(V1Pod pod, CancellationToken ct)
    {
        var disks = pod.Spec?.Volumes?.Count(v => v.PersistentVolumeClaim is not null) ?? 0;
        try
        {
            await using var stream = await client.CoreV1.ConnectGetNamespacedPodProxyWithPathAsync(
                $"{pod.Metadata.Name}:{ConversionPodManifest.MetricsPort}", pod.Metadata.NamespaceProperty, "metrics", cancellationToken: ct);
            using var reader = new StreamReader(stream);
            return ConversionProgress.Parse(await reader.ReadToEndAsync(ct), disks);
        }
        catch (HttpOperationException)
        {
            return null;
        }
    }

    // The account is read on every ensure, so a changed password (or a host's ESXi credentials) reaches an existing Secret:
    // kubev2v/forklift e15c860a4 pkg/controller/plan/kubevirt.go: ensureSecret (secret.StringData = newSecret.StringData; Update).
    private async Task<V1Secret> EnsureVddkSecretAsync(DataVolumeSpec spec, string name, CancellationToken ct)
    {
        var creds = await credentials.GetAsync(spec.SourceProviderId, spec.MigrationHostId, ct);
        var secret = VddkSecretManifest.Build(spec.Namespace, name, spec.Labels, creds);
        var existing = await KubeErrors.OrNullAsync(() => client.CoreV1.ReadNamespacedSecretAsync(name, spec.Namespace, cancellationToken: ct));
        if (existing is null)
        {
            try
            {
                return await client.CoreV1.CreateNamespacedSecretAsync(secret, spec.Namespace, cancellationToken: ct);
            }
            catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict))
            {
                existing = await client.CoreV1.ReadNamespacedSecretAsync(name, spec.Namespace, cancellationToken: ct);
            }
        }

        RefuseForeign("Secret", spec.Namespace, name, existing.Metadata.Labels, spec.Labels);
        return await RefreshVddkSecretAsync(existing, secret, ct);
    }

    private async Task<V1Secret> RefreshVddkSecretAsync(V1Secret current, V1Secret wanted, CancellationToken ct)
    {
        var (ns, name) = (current.Metadata.NamespaceProperty, current.Metadata.Name);
        for (var attempt = 1; ; attempt++)
        {
            if (VddkSecretManifest.HasAccount(current, wanted)) return current;
            current.Data ??= new Dictionary<string, byte[]>();
            foreach (var (key, value) in wanted.Data) current.Data[key] = value;
            try
            {
                return await client.CoreV1.ReplaceNamespacedSecretAsync(current, name, ns, cancellationToken: ct);
            }
            catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict) && attempt < 5)
            {
                current = await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct);
            }
        }
    }

    private async Task UpdateSecretOwnersAsync(V1Secret secret, JsonObject reference, CancellationToken ct)
    {
        var ns = secret.Metadata.NamespaceProperty;
        var name = secret.Metadata.Name;
        for (var attempt = 1; ; attempt++)
        {
            var current = await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct);
            var uid = reference["uid"]!.GetValue<string>();
            current.Metadata.OwnerReferences ??= [];
            if (current.Metadata.OwnerReferences.Any(r => r.Uid == uid)) return;
            current.Metadata.OwnerReferences.Add(new V1OwnerReference
            {
                ApiVersion = reference["apiVersion"]!.GetValue<string>(),
                Kind = reference["kind"]!.GetValue<string>(),
                Name = reference["name"]!.GetValue<string>(),
                Uid = uid,
                BlockOwnerDeletion = true,
            });
            try
            {
                await client.CoreV1.ReplaceNamespacedSecretAsync(current, name, ns, cancellationToken: ct);
                return;
            }
            catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict) && attempt < 5)
            {
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> TransferNetworkAsync(string? qualifiedName, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(qualifiedName)) return new Dictionary<string, string>();
        var parts = qualifiedName.Split('/', 2);
        if (parts.Length != 2) throw new InvalidOperationException($"The transfer network '{qualifiedName}' is not written as namespace/name.");
        var nad = await _objects.GetAsync(KubeResource.NetworkAttachmentDefinition, parts[0], parts[1], ct)
            ?? throw new InvalidOperationException($"TransferNetworkNotValid: the NetworkAttachmentDefinition '{qualifiedName}' does not exist.");
        var annotations = (nad["metadata"]?["annotations"] as JsonObject)?.ToDictionary(a => a.Key, a => a.Value?.GetValue<string>() ?? "");
        return TransferNetworkAnnotations.For(parts[0], parts[1], annotations, nad["spec"]?["config"]?.GetValue<string>());
    }

    private async Task RefuseMacConflictsAsync(TargetVmSpec spec, CancellationToken ct)
    {
        var macs = spec.Nics.Select(n => n.Mac).Where(m => m.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (macs.Count == 0) return;
        var (vms, _) = await _objects.ListAllAsync(KubeResource.VirtualMachine, clusterScoped: false, ct);
        foreach (var vm in vms)
        {
            var meta = vm["metadata"]!;
            var ns = meta["namespace"]?.GetValue<string>();
            var name = meta["name"]?.GetValue<string>();
            if (ns == spec.Namespace && name == spec.Name && ObjectLabels.SameOwner(Labels(vm), spec.Labels)) continue;
            var clash = VirtualMachineManifest.Macs(vm).FirstOrDefault(macs.Contains);
            if (clash is not null)
                throw new InvalidOperationException($"MAC address {clash} is already used by VirtualMachine '{ns}/{name}'.");
        }
    }

    private async Task<JsonObject> CreateOrAdoptAsync(KubeResource r, string @namespace, JsonObject manifest, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        var name = manifest["metadata"]!["name"]!.GetValue<string>();
        try
        {
            return await _objects.CreateAsync(r, @namespace, manifest, ct);
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict))
        {
            var existing = await _objects.GetAsync(r, @namespace, name, ct)
                ?? throw new InvalidOperationException($"{r.Kind} '{@namespace}/{name}' conflicted on create and is gone now; the next step retries.");
            RefuseForeign(r.Kind, @namespace, name, Labels(existing), labels);
            return existing;
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.UnprocessableEntity) || e.Is(HttpStatusCode.BadRequest))
        {
            throw new InvalidOperationException($"The API server rejected {r.Kind} '{@namespace}/{name}': {e.ServerMessage()}", e);
        }
    }

    private static void RefuseForeign(string kind, string @namespace, string name, IDictionary<string, string>? existing, IReadOnlyDictionary<string, string> wanted)
    {
        if (!ObjectLabels.SameOwner(existing, wanted))
            throw new InvalidOperationException($"A {kind} named '{name}' that this migration did not create already exists in namespace '{@namespace}'.");
    }

    /// <summary>The importer pod named by its claim's <c>importPodName</c> annotation (see <see cref="DataVolumeClaim"/>).</summary>
    private async Task<string?> ImporterTerminationMessageAsync(string @namespace, string podName, CancellationToken ct)
    {
        var pod = await KubeErrors.OrNullAsync(() => client.CoreV1.ReadNamespacedPodAsync(podName, @namespace, cancellationToken: ct));
        var status = pod?.Status?.ContainerStatuses?.FirstOrDefault();
        return status?.LastState?.Terminated?.Message ?? status?.State?.Terminated?.Message;
    }

    private static Dictionary<string, string>? Labels(JsonObject obj) =>
        (obj["metadata"]?["labels"] as JsonObject)?.ToDictionary(l => l.Key, l => l.Value?.GetValue<string>() ?? "");

    private static string Uid(JsonObject obj) =>
        obj["metadata"]?["uid"]?.GetValue<string>() ?? throw new InvalidOperationException("The API server returned an object without a uid.");
}
