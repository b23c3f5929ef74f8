using System.Text;
using System.Text.Json.Nodes;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.KubeVirt.Manifests;
using MtvConsole.Lab;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>The manifests the adapter sends, field by field.</summary>
public sealed class ManifestTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["plan"] = "p-1", ["migration"] = "m-1", ["vmID"] = "vm-42" };

    private static DataVolumeSpec Dv(params DataVolumeCheckpoint[] checkpoints) => new()
    {
        Namespace = "vm-imports",
        Name = "plan-vm-42-2000",
        Labels = Labels,
        Annotations = new Dictionary<string, string> { [DataVolumeAnnotations.BindImmediate] = "true" },
        SourceUrl = "https://10.0.0.5/sdk",
        Thumbprint = "AB:CD:EF",
        VmId = "vm-42",
        VmUuid = "4210f3c2-0000-4e6c-9d35-0c9f2a1b7e01",
        DiskKey = 2000,
        BackingFile = "[ds1] web/web.vmdk",
        StorageClass = "ceph-rbd",
        VolumeMode = VolumeMode.Block,
        AccessMode = AccessMode.ReadWriteMany,
        SizeBytes = 21474836480,
        Checkpoints = checkpoints,
        VddkInitImage = "registry/vddk:8",
    };

    [Fact]
    public void Data_volume_carries_the_vddk_source_storage_and_annotations()
    {
        var dv = DataVolumeManifest.Build(Dv(), "plan-vm-42-vddk", TransferNetworkAnnotations.For("openshift-mtv", "transfer", null, null));

        Assert.Equal("cdi.kubevirt.io/v1beta1", dv["apiVersion"]!.GetValue<string>());
        Assert.Equal("DataVolume", dv["kind"]!.GetValue<string>());
        Assert.Equal("vm-42", dv["metadata"]!["labels"]!["vmID"]!.GetValue<string>());
        Assert.Equal("true", dv["metadata"]!["annotations"]![DataVolumeAnnotations.BindImmediate]!.GetValue<string>());
        Assert.Equal("openshift-mtv/transfer", dv["metadata"]!["annotations"]!["v1.multus-cni.io/default-network"]!.GetValue<string>());
        var vddk = dv["spec"]!["source"]!["vddk"]!;
        Assert.Equal("[ds1] web/web.vmdk", vddk["backingFile"]!.GetValue<string>());
        Assert.Equal("4210f3c2-0000-4e6c-9d35-0c9f2a1b7e01", vddk["uuid"]!.GetValue<string>());
        Assert.Equal("https://10.0.0.5/sdk", vddk["url"]!.GetValue<string>());
        Assert.Equal("plan-vm-42-vddk", vddk["secretRef"]!.GetValue<string>());
        Assert.Equal("AB:CD:EF", vddk["thumbprint"]!.GetValue<string>());
        Assert.Equal("registry/vddk:8", vddk["initImageURL"]!.GetValue<string>());
        var storage = dv["spec"]!["storage"]!;
        Assert.Equal("ceph-rbd", storage["storageClassName"]!.GetValue<string>());
        Assert.Equal("Block", storage["volumeMode"]!.GetValue<string>());
        Assert.Equal("ReadWriteMany", storage["accessModes"]![0]!.GetValue<string>());
        Assert.Equal("21474836480", storage["resources"]!["requests"]!["storage"]!.GetValue<string>());
        Assert.Null(dv["spec"]!["checkpoints"]);
    }

    [Fact]
    public void A_data_volume_read_through_the_vcenter_carries_the_pinned_sha1_and_a_cold_one_the_current_file()
    {
        var world = new LabWorld(new LabOptions { VmCount = 20 }, TimeProvider.System);
        var source = new Provider { Name = "vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, Url = world.VCenterUrl, PinnedSha1 = world.VCenterThumbprint };
        var destination = new Provider { Name = "ocp", Type = ProviderType.OpenShift, Backing = ProviderBacking.Remote, Url = "https://api.example.com:6443" };
        var vm = world.Inventory.Vsphere.Vms.First(v => v.Snapshot is not null);
        var plan = new Plan { Name = "p", SourceProviderId = source.Id, DestinationProviderId = destination.Id, TargetNamespace = "vm-imports", Vms = [new PlanVm(Ref.ById(vm.Id), [])] };
        var storage = new StorageMap
        {
            Name = "s", SourceProviderId = source.Id, DestinationProviderId = destination.Id,
            Entries = [.. world.Inventory.Vsphere.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), "ceph-rbd"))],
        };
        var context = new PlanContext(plan, source, destination, storage, null, new Dictionary<Guid, Hook>(), []);

        var spec = TargetSpecs.DataVolumes(context, world.Inventory.Vsphere, vm, Labels, null)[0];
        var vddk = DataVolumeManifest.Build(spec, "p-vddk", new Dictionary<string, string>())["spec"]!["source"]!["vddk"]!;

        Assert.Equal(world.VCenterThumbprint, vddk["thumbprint"]?.GetValue<string>());
        Assert.Equal(vm.Disks[0].File, vddk["backingFile"]!.GetValue<string>());
        Assert.EndsWith("-000001.vmdk", vddk["backingFile"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Warm_data_volume_starts_with_the_initial_checkpoint_and_no_final_one()
    {
        var dv = DataVolumeManifest.Build(Dv(new DataVolumeCheckpoint("", "snapshot-1")), "s", new Dictionary<string, string>());

        var checkpoint = Assert.Single(dv["spec"]!["checkpoints"]!.AsArray());
        Assert.Equal("", checkpoint!["previous"]!.GetValue<string>());
        Assert.Equal("snapshot-1", checkpoint["current"]!.GetValue<string>());
        Assert.False(dv["spec"]!["finalCheckpoint"]!.GetValue<bool>());
    }

    [Fact]
    public void Transfer_network_with_a_route_annotation_uses_the_networks_annotation_with_a_default_route()
    {
        var routed = TransferNetworkAnnotations.For("ns", "fast", new Dictionary<string, string> { [TransferNetworkAnnotations.RouteAnnotation] = "10.10.0.1" }, null);
        var none = TransferNetworkAnnotations.For("ns", "fast", new Dictionary<string, string> { [TransferNetworkAnnotations.RouteAnnotation] = "none" }, null);
        var ipam = TransferNetworkAnnotations.For("ns", "fast", null, """{"ipam":{"routes":[{"dst":"10.0.0.0/8","gw":"10.10.0.254"},{"dst":"0.0.0.0/0","gw":"10.10.0.1"}]}}""");
        var ipv6 = TransferNetworkAnnotations.For("ns", "fast", null, """{"ipam":{"routes":[{"dst":"::/0","gw":"fd00::1"}]}}""");
        var annotationFirst = TransferNetworkAnnotations.For("ns", "fast", new Dictionary<string, string> { [TransferNetworkAnnotations.RouteAnnotation] = "10.10.0.9" },
            """{"ipam":{"routes":[{"dst":"0.0.0.0/0","gw":"10.10.0.1"}]}}""");
        var noRoute = TransferNetworkAnnotations.For("ns", "fast", null, """{"ipam":{"routes":[{"dst":"10.0.0.0/8","gw":"10.10.0.254"}]}}""");

        Assert.Equal("""[{"name":"fast","namespace":"ns","default-route":["10.10.0.1"]}]""", routed[TransferNetworkAnnotations.Networks]);
        Assert.Equal("""[{"name":"fast","namespace":"ns"}]""", none[TransferNetworkAnnotations.Networks]);
        Assert.Equal("""[{"name":"fast","namespace":"ns","default-route":["10.10.0.1"]}]""", ipam[TransferNetworkAnnotations.Networks]);
        Assert.Equal("""[{"name":"fast","namespace":"ns","default-route":["fd00::1"]}]""", ipv6[TransferNetworkAnnotations.Networks]);
        Assert.Equal("""[{"name":"fast","namespace":"ns","default-route":["10.10.0.9"]}]""", annotationFirst[TransferNetworkAnnotations.Networks]);
        Assert.Equal("ns/fast", noRoute[TransferNetworkAnnotations.DefaultNetwork]);
        Assert.False(routed.ContainsKey(TransferNetworkAnnotations.DefaultNetwork));
    }

    [Theory]
    [InlineData("gw.example.com", null)]
    [InlineData("10.10.0.1 ", null)]
    [InlineData("", null)]
    [InlineData("None", null)]
    [InlineData(null, """{"ipam":{"routes":[{"dst":"0.0.0.0/0"}]}}""")]
    [InlineData(null, """{"ipam":{"routes":[{"dst":"0.0.0.0/0","gw":"10.10.0"}]}}""")]
    public void A_transfer_network_default_route_that_is_not_an_ip_address_is_refused(string? annotation, string? config)
    {
        // kubev2v/forklift d42511bb2 pkg/controller/plan/kubevirt.go setTransferNetwork: "Transfer network default route is not a valid IP address."
        var annotations = annotation is null ? null : new Dictionary<string, string> { [TransferNetworkAnnotations.RouteAnnotation] = annotation };

        var error = Assert.Throws<InvalidOperationException>(() => TransferNetworkAnnotations.For("ns", "fast", annotations, config));

        Assert.StartsWith("TransferNetworkNotValid:", error.Message, StringComparison.Ordinal);
        Assert.Contains("ns/fast", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Efi_vm_gets_smm_secure_boot_cpu_memory_nics_with_source_macs_and_data_volume_disks()
    {
        var vm = VirtualMachineManifest.Build(new TargetVmSpec
        {
            Namespace = "vm-imports",
            Name = "web-01",
            CpuSockets = 2,
            CpuCores = 4,
            MemoryMB = 8192,
            Firmware = "efi",
            SecureBoot = true,
            Nics = [new TargetVmNic("net-0", "pod", null, "00:50:56:01:02:03"), new TargetVmNic("net-1", "multus", "prod/vlan-100", "00:50:56:01:02:04")],
            DataVolumes = ["dv-a", "dv-b"],
            Labels = Labels,
        });

        Assert.Equal("kubevirt.io/v1", vm["apiVersion"]!.GetValue<string>());
        Assert.Equal("Halted", vm["spec"]!["runStrategy"]!.GetValue<string>());
        var spec = vm["spec"]!["template"]!["spec"]!;
        var domain = spec["domain"]!;
        Assert.Equal(2, domain["cpu"]!["sockets"]!.GetValue<int>());
        Assert.Equal(4, domain["cpu"]!["cores"]!.GetValue<int>());
        Assert.Equal("8192Mi", domain["memory"]!["guest"]!.GetValue<string>());
        Assert.True(domain["firmware"]!["bootloader"]!["efi"]!["secureBoot"]!.GetValue<bool>());
        Assert.True(domain["features"]!["smm"]!["enabled"]!.GetValue<bool>());
        var interfaces = domain["devices"]!["interfaces"]!.AsArray();
        Assert.Equal("00:50:56:01:02:03", interfaces[0]!["macAddress"]!.GetValue<string>());
        Assert.NotNull(interfaces[0]!["masquerade"]);
        Assert.Equal("00:50:56:01:02:04", interfaces[1]!["macAddress"]!.GetValue<string>());
        Assert.NotNull(interfaces[1]!["bridge"]);
        var networks = spec["networks"]!.AsArray();
        Assert.NotNull(networks[0]!["pod"]);
        Assert.Equal("prod/vlan-100", networks[1]!["multus"]!["networkName"]!.GetValue<string>());
        Assert.Equal(["dv-a", "dv-b"], spec["volumes"]!.AsArray().Select(v => v!["dataVolume"]!["name"]!.GetValue<string>()));
        Assert.Equal(["vol-0", "vol-1"], domain["devices"]!["disks"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()));
        Assert.Equal("vm-42", vm["spec"]!["template"]!["metadata"]!["labels"]!["vmID"]!.GetValue<string>());
    }

    [Fact]
    public void Disks_follow_the_spec_order_with_their_serials_and_boot_order_one_on_the_boot_disk()
    {
        var vm = VirtualMachineManifest.Build(new TargetVmSpec
        {
            Namespace = "ns", Name = "win",
            DataVolumes = ["dv-data", "dv-boot"],
            DiskSerials = new Dictionary<string, string> { ["dv-data"] = "6000C29f-0e1d-2c3b-4", ["dv-boot"] = "6000C29a-1b2c-3d4e-5" },
            BootDataVolume = "dv-boot",
        });

        var spec = vm["spec"]!["template"]!["spec"]!;
        var disks = spec["domain"]!["devices"]!["disks"]!.AsArray();
        Assert.Equal(["dv-data", "dv-boot"], spec["volumes"]!.AsArray().Select(v => v!["dataVolume"]!["name"]!.GetValue<string>()));
        Assert.Equal("6000C29f-0e1d-2c3b-4", disks[0]!["serial"]!.GetValue<string>());
        Assert.Null(disks[0]!["bootOrder"]);
        Assert.Equal("6000C29a-1b2c-3d4e-5", disks[1]!["serial"]!.GetValue<string>());
        Assert.Equal(1, disks[1]!["bootOrder"]!.GetValue<int>());
    }

    [Fact]
    public void Bios_vm_has_a_bios_bootloader_and_no_smm()
    {
        var vm = VirtualMachineManifest.Build(new TargetVmSpec { Namespace = "ns", Name = "db", Firmware = "bios" });

        var domain = vm["spec"]!["template"]!["spec"]!["domain"]!;
        Assert.NotNull(domain["firmware"]!["bootloader"]!["bios"]);
        Assert.Null(domain["firmware"]!["bootloader"]!["efi"]);
        Assert.Null(domain["features"]!["smm"]);
    }

    private static ConversionPodSpec ConversionSpec => new()
    {
        Namespace = "vm-imports", Name = "plan-vm-42-v2v", VmId = "vm-42", GuestId = "rhel9_64Guest", TotalDiskBytes = 1, DataVolumes = ["dv-a", "dv-b"], Labels = Labels,
        VmName = "web 01", SecretName = "plan-vm-42-vddk",
        Source = new ConversionSource(ConversionSource.Vpx, "vcenter.example.com", "/DC1/Prod%20Cluster/esx-01.example.com", "AA:BB", "administrator@vsphere.local"),
    };

    [Fact]
    public void Conversion_pod_mounts_filesystem_volumes_attaches_block_devices_and_asks_for_kvm()
    {
        var pod = ConversionPodManifest.Build(ConversionSpec, [VolumeMode.Filesystem, VolumeMode.Block], new KubeVirtOptions { VirtV2vImage = "registry/virt-v2v:2" }, "administrator@vsphere.local");

        Assert.Equal("Never", pod.Spec.RestartPolicy);
        Assert.Equal("true", pod.Spec.NodeSelector["kubevirt.io/schedulable"]);
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal("registry/virt-v2v:2", container.Image);
        Assert.Equal("1", container.Resources.Limits["devices.kubevirt.io/kvm"].ToString());
        Assert.Equal(["/mnt/disks/disk0", "/etc/secret"], container.VolumeMounts.Select(m => m.MountPath));
        Assert.Equal("/dev/block1", Assert.Single(container.VolumeDevices).DevicePath);
        Assert.Equal(["dv-a", "dv-b"], pod.Spec.Volumes.Where(v => v.PersistentVolumeClaim is not null).Select(v => v.PersistentVolumeClaim.ClaimName));
        var metrics = Assert.Single(container.Ports);
        Assert.Equal(("metrics", 2112), (metrics.Name, metrics.ContainerPort));
        Assert.Equal("vm-42", pod.Metadata.Labels["vmID"]);
    }

    [Fact]
    public void Conversion_pod_drives_the_current_image_with_a_libvirt_url_the_vddk_secret_and_an_exit_when_done()
    {
        var pod = ConversionPodManifest.Build(ConversionSpec, [VolumeMode.Filesystem, VolumeMode.Block], new KubeVirtOptions(), "administrator@vsphere.local");

        var container = Assert.Single(pod.Spec.Containers);
        var env = container.Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("vpx://administrator%40vsphere.local@vcenter.example.com/DC1/Prod%20Cluster/esx-01.example.com?no_verify=1", env["V2V_libvirtURL"]);
        Assert.Equal(("vSphere", "1", "web 01", "AA:BB", "false"), (env["V2V_source"], env["V2V_inPlace"], env["V2V_vmName"], env["V2V_fingerprint"], env["LOCAL_MIGRATION"]));
        Assert.DoesNotContain(env, e => e.Key.Contains("libvirtXml", StringComparison.OrdinalIgnoreCase) || e.Value.Contains("secret", StringComparison.OrdinalIgnoreCase));
        var secret = Assert.Single(pod.Spec.Volumes, v => v.Secret is not null);
        Assert.Equal("plan-vm-42-vddk", secret.Secret.SecretName);
        Assert.True(container.VolumeMounts.Single(m => m.Name == secret.Name).ReadOnlyProperty);
        Assert.Equal(("V2V_", "plan-vm-42-vddk"), (Assert.Single(container.EnvFrom).Prefix, container.EnvFrom[0].SecretRef.Name));
        Assert.DoesNotContain(pod.Spec.Volumes, v => v.ConfigMap is not null);
        Assert.Equal("FallbackToLogsOnError", container.TerminationMessagePolicy);
    }

    [Fact]
    public void Conversion_pod_runs_as_the_qemu_user_non_root_with_the_unshare_seccomp_profile_on_openshift()
    {
        var pod = ConversionPodManifest.Build(ConversionSpec, [], new KubeVirtOptions(), "u");

        var security = pod.Spec.SecurityContext;
        Assert.Equal((107L, 107L, true), (security.RunAsUser, security.FsGroup, security.RunAsNonRoot));
        Assert.Equal(("Localhost", "profiles/unshare.json"), (security.SeccompProfile.Type, security.SeccompProfile.LocalhostProfile));
        var container = pod.Spec.Containers[0].SecurityContext;
        Assert.Equal((false, "ALL"), (container.AllowPrivilegeEscalation, Assert.Single(container.Capabilities.Drop)));

        var kubernetes = ConversionPodManifest.Build(ConversionSpec, [], new KubeVirtOptions { OpenShift = false }, "u");
        Assert.Equal("RuntimeDefault", kubernetes.Spec.SecurityContext.SeccompProfile.Type);
    }

    [Fact]
    public void Conversion_pod_without_the_vddk_secret_or_libvirt_source_is_not_built()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ConversionPodManifest.Build(ConversionSpec with { SecretName = "" }, [], new KubeVirtOptions(), "u"));
        Assert.Contains("VDDK Secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conversion_progress_is_the_mean_of_the_disks_the_metrics_report()
    {
        const string metrics = """
            # HELP v2v_disk_transfers Percent of disk copy
            # TYPE v2v_disk_transfers gauge
            v2v_disk_transfers{disk_id="1"} 100
            v2v_disk_transfers{disk_id="2"} 50
            """;

        Assert.Equal(50, ConversionProgress.Parse(metrics, diskCount: 3));
        Assert.Equal(75, ConversionProgress.Parse(metrics, diskCount: 2));
        Assert.Null(ConversionProgress.Parse("# no samples yet\n", 2));
    }

    [Fact]
    public void Vddk_secret_holds_the_user_and_password_under_cdi_keys()
    {
        var secret = VddkSecretManifest.Build("vm-imports", "plan-vm-42-vddk", Labels, new SourceCredentials("admin@vsphere.local", "pw"));

        Assert.Equal("admin@vsphere.local", Encoding.UTF8.GetString(secret.Data["accessKeyId"]));
        Assert.Equal("pw", Encoding.UTF8.GetString(secret.Data["secretKey"]));
        Assert.Equal("m-1", secret.Metadata.Labels["migration"]);
        Assert.DoesNotContain("pw", new SourceCredentials("a", "pw").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Hook_job_retries_within_its_deadline_and_mounts_the_configmap_with_three_files()
    {
        var spec = new HookJobSpec
        {
            Namespace = "vm-imports", Name = "plan-vm-42-prehook", Image = "quay.io/konveyor/hook-runner", VmId = "vm-42", Retries = 3, DeadlineSeconds = 300,
            ServiceAccount = "hooks", Playbook = Convert.ToBase64String(Encoding.UTF8.GetBytes("- hosts: localhost\n")),
        };
        var job = HookJobManifest.Job(spec, Labels);
        var map = HookJobManifest.ConfigMap(spec, Labels, "vm: {}", "metadata: {}");

        Assert.Equal(3, job.Spec.BackoffLimit);
        Assert.Equal(300, job.Spec.ActiveDeadlineSeconds);
        Assert.Equal("hooks", job.Spec.Template.Spec.ServiceAccountName);
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        Assert.Equal("plan-vm-42-prehook", job.Spec.Template.Spec.Volumes[0].ConfigMap.Name);
        Assert.Equal(HookJobManifest.MountPath, job.Spec.Template.Spec.Containers[0].VolumeMounts[0].MountPath);
        Assert.Equal("- hosts: localhost\n", map.Data["playbook.yml"]);
        Assert.Equal("vm: {}", map.Data["workload.yml"]);
        Assert.Equal("metadata: {}", map.Data["plan.yml"]);
        // kubev2v/forklift d42511bb2 pkg/controller/plan/hook.go template(): ansible-runner on the mounted playbook.
        Assert.Equal(["/bin/entrypoint", "ansible-runner", "run", "/tmp/runner", "-p", "/tmp/hook/playbook.yml"], job.Spec.Template.Spec.Containers[0].Command);
    }

    [Fact]
    public void Image_only_hook_runs_the_images_own_entrypoint_and_a_named_ssh_key_secret_is_mounted_read_only()
    {
        var imageOnly = new HookJobSpec { Namespace = "vm-imports", Name = "plan-vm-42-prehook", Image = "quay.io/example/my-hook", VmId = "vm-42" };
        var withKey = imageOnly with { Name = "plan-vm-42-posthook", Playbook = "- hosts: localhost\n", SshKeySecret = "vm-ssh" };

        var job = HookJobManifest.Job(imageOnly, Labels);
        var keyed = HookJobManifest.Job(withKey, Labels).Spec.Template.Spec;

        Assert.Null(job.Spec.Template.Spec.Containers[0].Command);
        Assert.Single(job.Spec.Template.Spec.Volumes);
        var secret = Assert.Single(keyed.Volumes, v => v.Secret is not null);
        Assert.Equal("vm-ssh", secret.Secret.SecretName);
        var mount = Assert.Single(keyed.Containers[0].VolumeMounts, m => m.Name == secret.Name);
        Assert.Equal(HookSshKey.MountPath, mount.MountPath);
        Assert.True(mount.ReadOnlyProperty);
    }
}
