using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Lab.Generation;
using MtvConsole.Lab.State;

namespace MtvConsole.Lab.Simulation;

/// <summary>
/// The simulated OpenShift cluster's runtime: namespaces, CDI DataVolumes, KubeVirt VMs and virt-v2v pods.
/// Callers hold the world's lock.
/// </summary>
internal sealed class TargetSimulation(LabOptions options, LabInventory inventory, SourceSimulation source, TimeProvider time)
{
    private const double GiB = 1L << 30;

    private HashSet<string> _namespaces = inventory.Target.Namespaces.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
    private Dictionary<(string, string), LabDataVolumeState> _dataVolumes = [];
    private Dictionary<(string, string), LabTargetVmState> _vms = inventory.Target.Vms.ToDictionary(
        v => (v.Namespace, v.Name), v => new LabTargetVmState(v.Namespace, v.Name, v.Macs, v.Running, []));
    private Dictionary<(string, string), LabPodState> _pods = [];

    private DateTimeOffset Now => time.GetUtcNow();

    public TargetInventory GetInventory() => new(
        _namespaces.Order(StringComparer.Ordinal).Select(n => new TargetNamespace(n)).ToArray(),
        inventory.Target.NetworkAttachmentDefinitions,
        inventory.Target.StorageClasses,
        _vms.Values.OrderBy(v => v.Namespace, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal)
            .Select(ToTargetVm).ToArray());

    public void EnsureNamespace(string name) => _namespaces.Add(name);

    public void CreateDataVolume(DataVolumeSpec spec)
    {
        RequireNamespace(spec.Namespace);
        if (_dataVolumes.ContainsKey((spec.Namespace, spec.Name)))
        {
            throw new InvalidOperationException($"DataVolume '{spec.Namespace}/{spec.Name}' already exists (AlreadyExists).");
        }

        var now = Now;
        var storageClass = inventory.Target.StorageClasses.FirstOrDefault(s => s.Name == spec.StorageClass);
        string? failure = null;
        TransferPath? path = null;
        IReadOnlyList<LabCopyStageState> stages = [];
        try
        {
            if (storageClass is null)
            {
                throw new InvalidOperationException($"storageclass.storage.k8s.io \"{spec.StorageClass}\" not found");
            }

            path = ResolvePath(spec, storageClass);
            stages = spec.Checkpoints.Count == 0
                ? [new LabCopyStageState(null, IsExternal(spec) ? spec.SizeBytes : inventory.AllocatedBytes(spec.VmId, spec.DiskKey), now)]
                : spec.Checkpoints.Select(c => new LabCopyStageState(c, CheckpointBytes(spec, c), now)).ToArray();
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
        {
            failure = $"Unable to import disk {spec.DiskKey} of VM '{spec.VmId}': {e.Message}";
        }

        _dataVolumes[(spec.Namespace, spec.Name)] = new LabDataVolumeState(
            spec, now, storageClass?.VolumeBindingMode == "WaitForFirstConsumer" && !BindImmediately(spec), null, path?.BytesPerSecond ?? 1,
            path?.Description ?? "", stages, false, failure);
    }

    public DataVolumeStatus? GetDataVolume(string ns, string name) =>
        _dataVolumes.TryGetValue((ns, name), out var dv) ? DataVolumeProgress.At(dv, Now, options) : null;

    public void AddCheckpoint(string ns, string name, DataVolumeCheckpoint checkpoint, bool final)
    {
        var dv = _dataVolumes.GetValueOrDefault((ns, name))
            ?? throw new KeyNotFoundException($"DataVolume '{ns}/{name}' not found (NotFound).");
        if (dv.Spec.Checkpoints.Count == 0)
        {
            throw new InvalidOperationException($"DataVolume '{ns}/{name}' is not a warm (multi-stage) import; it has no checkpoints.");
        }

        if (dv.FailureMessage is not null || dv.Spec.Checkpoints.Contains(checkpoint))
        {
            _dataVolumes[(ns, name)] = dv with { FinalCheckpoint = dv.FinalCheckpoint || final };
            return;
        }

        if (dv.FinalCheckpoint)
        {
            throw new InvalidOperationException($"DataVolume '{ns}/{name}' already has its final checkpoint.");
        }

        var spec = dv.Spec with { Checkpoints = [.. dv.Spec.Checkpoints, checkpoint] };
        string? failure = null;
        var stages = dv.Stages;
        try
        {
            stages = [.. dv.Stages, new LabCopyStageState(checkpoint, CheckpointBytes(dv.Spec, checkpoint), Now)];
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
        {
            failure = $"Unable to copy checkpoint '{checkpoint.Current}' of disk {dv.Spec.DiskKey}: {e.Message}";
        }

        _dataVolumes[(ns, name)] = dv with { Spec = spec, Stages = stages, FinalCheckpoint = final, FailureMessage = failure };
    }

    public void DeleteDataVolume(string ns, string name) => _dataVolumes.Remove((ns, name));

    public void CreateVirtualMachine(TargetVmSpec spec)
    {
        RequireNamespace(spec.Namespace);
        KubeVirtVmAdmission.Check(spec);
        if (_vms.ContainsKey((spec.Namespace, spec.Name)))
        {
            throw new InvalidOperationException(
                $"A VirtualMachine named '{spec.Name}' already exists in namespace '{spec.Namespace}' (AlreadyExists).");
        }

        foreach (var nic in spec.Nics)
        {
            var owner = _vms.Values.FirstOrDefault(v => v.Macs.Contains(nic.Mac, StringComparer.OrdinalIgnoreCase));
            if (owner is not null)
            {
                throw new InvalidOperationException(
                    $"MAC address {nic.Mac} of NIC '{nic.Name}' is already in use by VirtualMachine '{owner.Namespace}/{owner.Name}'.");
            }
        }

        _vms[(spec.Namespace, spec.Name)] = new LabTargetVmState(
            spec.Namespace, spec.Name, spec.Nics.Select(n => n.Mac).ToArray(), false, spec.DataVolumes.ToArray());
    }

    public TargetVm? GetVirtualMachine(string ns, string name) =>
        _vms.TryGetValue((ns, name), out var vm) ? ToTargetVm(vm) : null;

    /// <summary>Starts the VM; its WaitForFirstConsumer DataVolumes can bind from now on.</summary>
    public void StartVirtualMachine(string ns, string name)
    {
        var vm = _vms.GetValueOrDefault((ns, name))
            ?? throw new KeyNotFoundException($"VirtualMachine '{ns}/{name}' not found (NotFound).");
        _vms[(ns, name)] = vm with { Running = true };
        var now = Now;
        foreach (var dvName in vm.DataVolumes)
        {
            if (_dataVolumes.TryGetValue((ns, dvName), out var dv) && dv.ConsumerStartedAt is null)
            {
                _dataVolumes[(ns, dvName)] = dv with { ConsumerStartedAt = now };
            }
        }
    }

    /// <summary>Deletes the VM and, through owner references, its DataVolumes.</summary>
    public void DeleteVirtualMachine(string ns, string name)
    {
        if (_vms.Remove((ns, name), out var vm))
        {
            foreach (var dvName in vm.DataVolumes)
            {
                _dataVolumes.Remove((ns, dvName));
            }
        }
    }

    public void CreateConversionPod(ConversionPodSpec spec)
    {
        RequireNamespace(spec.Namespace);
        if (_pods.ContainsKey((spec.Namespace, spec.Name)))
        {
            throw new InvalidOperationException($"Pod '{spec.Namespace}/{spec.Name}' already exists (AlreadyExists).");
        }

        var os = GuestOsCatalog.FindByGuestId(spec.GuestId);
        string? failure = null;
        double seconds;
        if (os is { ConversionSupported: false })
        {
            failure = $"virt-v2v: error: inspection of guest '{spec.VmId}' found an unsupported operating system: {os.FullName} ({os.GuestId}). "
                + "Guest conversion failed. See pod logs for details.";
            seconds = options.ConversionFailureSeconds;
        }
        else
        {
            var windows = GuestOsCatalog.IsWindows(spec.GuestId);
            var gib = spec.TotalDiskBytes / GiB;
            seconds = windows
                ? options.ConversionBaseSecondsWindows + options.ConversionSecondsPerGiBWindows * gib
                : options.ConversionBaseSecondsLinux + options.ConversionSecondsPerGiBLinux * gib;
        }

        _pods[(spec.Namespace, spec.Name)] = new LabPodState(spec, Now, seconds, failure);
    }

    public PodStatus? GetPod(string ns, string name)
    {
        if (!_pods.TryGetValue((ns, name), out var pod))
        {
            return null;
        }

        var runningAt = pod.CreatedAt.AddSeconds(options.ConversionPodPendingSeconds);
        var endAt = runningAt.AddSeconds(pod.RunSeconds);
        var now = Now;
        if (now < runningAt)
        {
            return new PodStatus(ns, name, PodPhase.Pending, "Waiting for the pod to be scheduled", 0);
        }

        if (now < endAt)
        {
            var percent = pod.RunSeconds == 0 ? 100 : 100 * (now - runningAt).TotalSeconds / pod.RunSeconds;
            return new PodStatus(ns, name, PodPhase.Running, "virt-v2v is converting the guest", Math.Round(percent, 2));
        }

        // As the image does (kubev2v/forklift d42511bb2 cmd/virt-v2v/entrypoint.go:103-115): with LOCAL_MIGRATION the
        // finished pod serves its results on :8080 and only exits on POST /shutdown, which nothing sends to the Lab.
        if (pod.FailureMessage is null && pod.Spec.LocalMigration)
            return new PodStatus(ns, name, PodPhase.Running, "virt-v2v finished; the image serves its results on :8080 until /shutdown (LOCAL_MIGRATION=true)", 100);

        return pod.FailureMessage is null
            ? new PodStatus(ns, name, PodPhase.Succeeded, "Guest conversion completed", 100)
            : new PodStatus(ns, name, PodPhase.Failed, pod.FailureMessage, 100);
    }

    public void DeletePod(string ns, string name) => _pods.Remove((ns, name));

    public (IReadOnlyList<string> Namespaces, IReadOnlyList<LabDataVolumeState> DataVolumes, IReadOnlyList<LabTargetVmState> Vms, IReadOnlyList<LabPodState> Pods) Export() =>
        (_namespaces.Order(StringComparer.Ordinal).ToArray(), _dataVolumes.Values.ToArray(), _vms.Values.ToArray(), _pods.Values.ToArray());

    public void Import(LabState state)
    {
        _namespaces = state.Namespaces.ToHashSet(StringComparer.Ordinal);
        _dataVolumes = state.DataVolumes.ToDictionary(d => (d.Spec.Namespace, d.Spec.Name));
        _vms = state.TargetVms.ToDictionary(v => (v.Namespace, v.Name));
        _pods = state.Pods.ToDictionary(p => (p.Spec.Namespace, p.Spec.Name));
    }

    /// <summary>
    /// A disk of a VM that is not the Lab's, read from another vCenter (a real one, or the simulator of the vSphere
    /// tests): the Lab cluster imports it without seeing its data, so a full copy moves the whole disk and a delta a
    /// sixty-fourth of it.
    /// </summary>
    private bool IsExternal(DataVolumeSpec spec) =>
        inventory.Vsphere.FindVm(spec.VmId) is null && !SameUrl(spec.SourceUrl, options.VCenterUrl);

    private TransferPath ResolvePath(DataVolumeSpec spec, StorageClass storageClass)
    {
        if (IsExternal(spec))
        {
            var external = Uri.TryCreate(spec.SourceUrl, UriKind.Absolute, out var address) ? address.Authority : spec.SourceUrl;
            var network = string.IsNullOrEmpty(spec.TransferNetwork) ? options.PodNetworkMBps : options.TransferNetworkMBps;
            return new TransferPath(options.ManagementNetworkMBps, network, storageClass.ThroughputMBps,
                $"vCenter {external} (management network) → {(string.IsNullOrEmpty(spec.TransferNetwork) ? "pod network" : $"transfer network {spec.TransferNetwork}")} → storage class {storageClass.Name}");
        }

        var vm = source.Vm(spec.VmId);
        if (vm.Disks.All(d => d.Key != spec.DiskKey))
        {
            throw new KeyNotFoundException($"VM '{vm.Name}' has no disk with key {spec.DiskKey}.");
        }

        double sourceRate;
        string sourceName;
        string expectedThumbprint;
        if (SameUrl(spec.SourceUrl, options.VCenterUrl))
        {
            (sourceRate, sourceName, expectedThumbprint) = (options.ManagementNetworkMBps, "vCenter (management network)", inventory.VCenterThumbprint);
        }
        else
        {
            var hostName = Uri.TryCreate(spec.SourceUrl, UriKind.Absolute, out var uri) ? uri.Host : spec.SourceUrl;
            var (host, adapter) = inventory.Vsphere.Hosts
                .SelectMany(h => h.NetworkAdapters.Select(a => (Host: h, Adapter: a)))
                .FirstOrDefault(x => x.Adapter.IpAddress == hostName);
            if (host is null || adapter is null)
            {
                throw new InvalidOperationException($"cannot connect to '{spec.SourceUrl}': no vCenter or ESXi host answers at that address");
            }

            if (host.Id != vm.HostId)
            {
                throw new InvalidOperationException($"VM '{vm.Name}' is not registered on ESXi host '{host.Name}' ({hostName})");
            }

            var migration = adapter.LinkSpeedMbps >= 10_000;
            sourceRate = migration ? options.HostMigrationNetworkMBps : options.ManagementNetworkMBps;
            sourceName = $"ESXi host {host.Name} {adapter.Name} ({(migration ? "migration" : "management")} network)";
            expectedThumbprint = host.Thumbprint;
        }

        // VDDK checks the certificate against the thumbprint and needs one for a remote connection.
        // libguestfs/nbdkit plugins/vddk/vddk.c (VixDiskLib_Open) and nbdkit-vddk-plugin.pod "THUMBPRINTS";
        // kubevirt/containerized-data-importer c07cdb6fb pkg/image/nbdkit.go (thumbprint= only when non-empty).
        if (!string.Equals(spec.Thumbprint, expectedThumbprint, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"VixDiskLib_Open: {spec.BackingFile}: Unknown error; please verify whether the \"thumbprint\" parameter ({(spec.Thumbprint.Length == 0 ? "not specified" : spec.Thumbprint)}) " +
                $"matches the SHA1 fingerprint of the remote VMware server at '{spec.SourceUrl}' ({expectedThumbprint})");
        }

        double networkRate;
        string networkName;
        if (string.IsNullOrEmpty(spec.TransferNetwork))
        {
            (networkRate, networkName) = (options.PodNetworkMBps, "pod network");
        }
        else
        {
            if (inventory.Target.NetworkAttachmentDefinitions.All(n => n.QualifiedName != spec.TransferNetwork))
            {
                throw new InvalidOperationException(
                    $"transfer network NetworkAttachmentDefinition '{spec.TransferNetwork}' not found; the importer pod cannot start");
            }

            (networkRate, networkName) = (options.TransferNetworkMBps, $"transfer network {spec.TransferNetwork}");
        }

        return new TransferPath(sourceRate, networkRate, storageClass.ThroughputMBps,
            $"{sourceName} → {networkName} → storage class {storageClass.Name}");
    }

    private long CheckpointBytes(DataVolumeSpec spec, DataVolumeCheckpoint checkpoint)
    {
        if (IsExternal(spec)) return string.IsNullOrEmpty(checkpoint.Previous) ? spec.SizeBytes : Math.Max(1, spec.SizeBytes / 64);
        var previous = checkpoint.Previous;
        if (string.IsNullOrEmpty(previous))
        {
            return source.QueryChangedDiskAreas(spec.VmId, checkpoint.Current, spec.DiskKey, "*").ChangedBytes;
        }

        if (previous.StartsWith("snapshot-", StringComparison.Ordinal))
        {
            previous = source.ChangeIdOf(spec.VmId, previous, spec.DiskKey);
        }

        return source.QueryChangedDiskAreas(spec.VmId, checkpoint.Current, spec.DiskKey, previous).ChangedBytes;
    }

    private void RequireNamespace(string ns)
    {
        if (!_namespaces.Contains(ns))
        {
            throw new InvalidOperationException($"namespaces \"{ns}\" not found");
        }
    }

    /// <summary>CDI's <c>cdi.kubevirt.io/storage.bind.immediate.requested</c> annotation binds a WaitForFirstConsumer PVC without a consumer.</summary>
    private static bool BindImmediately(DataVolumeSpec spec) =>
        spec.Annotations.TryGetValue(DataVolumeAnnotations.BindImmediate, out var value) && value == "true";

    private static bool SameUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static TargetVm ToTargetVm(LabTargetVmState vm) => new(vm.Namespace, vm.Name, vm.Macs, vm.Running);
}
