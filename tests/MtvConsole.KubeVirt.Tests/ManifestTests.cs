using System.Text;
using System.Text.Json.Nodes;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.KubeVirt.Manifests;

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
        var ipam = TransferNetworkAnnotations.For("ns", "fast", null, """{"ipam":{"routes":[{"dst":"0.0.0.0/0"}]}}""");

        Assert.Equal("""[{"name":"fast","namespace":"ns","default-route":["10.10.0.1"]}]""", routed[TransferNetworkAnnotations.Networks]);
        Assert.Equal("""[{"name":"fast","namespace":"ns"}]""", none[TransferNetworkAnnotations.Networks]);
        Assert.Equal("""[{"name":"fast","namespace":"ns"}]""", ipam[TransferNetworkAnnotations.Networks]);
        Assert.False(routed.ContainsKey(TransferNetworkAnnotations.DefaultNetwork));
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
    public void Bios_vm_has_a_bios_bootloader_and_no_smm()
    {
        var vm = VirtualMachineManifest.Build(new TargetVmSpec { Namespace = "ns", Name = "db", Firmware = "bios" });

        var domain = vm["spec"]!["template"]!["spec"]!["domain"]!;
        Assert.NotNull(domain["firmware"]!["bootloader"]!["bios"]);
        Assert.Null(domain["firmware"]!["bootloader"]!["efi"]);
        Assert.Null(domain["features"]!["smm"]);
    }

    [Fact]
    public void Conversion_pod_mounts_filesystem_volumes_attaches_block_devices_and_asks_for_kvm()
    {
        var pod = ConversionPodManifest.Build(new ConversionPodSpec
        {
            Namespace = "vm-imports", Name = "plan-vm-42-v2v", VmId = "vm-42", GuestId = "rhel9_64Guest", TotalDiskBytes = 1, DataVolumes = ["dv-a", "dv-b"], Labels = Labels,
        }, [VolumeMode.Filesystem, VolumeMode.Block], "registry/virt-v2v:2");

        Assert.Equal("Never", pod.Spec.RestartPolicy);
        Assert.Equal(107, pod.Spec.SecurityContext.FsGroup);
        Assert.Equal("true", pod.Spec.NodeSelector["kubevirt.io/schedulable"]);
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal("registry/virt-v2v:2", container.Image);
        Assert.Equal("1", container.Resources.Limits["devices.kubevirt.io/kvm"].ToString());
        Assert.Equal(["/mnt/disks/disk0", "/mnt/v2v"], container.VolumeMounts.Select(m => m.MountPath));
        Assert.True(container.VolumeMounts[1].ReadOnlyProperty);
        Assert.Equal("/dev/block1", Assert.Single(container.VolumeDevices).DevicePath);
        Assert.Equal(["dv-a", "dv-b"], pod.Spec.Volumes.Where(v => v.PersistentVolumeClaim is not null).Select(v => v.PersistentVolumeClaim.ClaimName));
        var input = Assert.Single(pod.Spec.Volumes, v => v.ConfigMap is not null);
        Assert.Equal(("libvirt-domain-xml", "plan-vm-42-v2v-input"), (input.Name, input.ConfigMap.Name));
        Assert.Equal("/mnt/v2v/input.xml", container.Env.Single(e => e.Name == "V2V_libvirtXml").Value);
        Assert.Equal("1", container.Env.Single(e => e.Name == "V2V_inPlace").Value);
        var metrics = Assert.Single(container.Ports);
        Assert.Equal(("metrics", 2112), (metrics.Name, metrics.ContainerPort));
        Assert.Equal("vm-42", pod.Metadata.Labels["vmID"]);
    }

    [Fact]
    public void Conversion_input_is_a_libvirt_domain_of_the_source_vm_over_the_mounted_disks()
    {
        var configMap = ConversionPodManifest.InputConfigMap(new ConversionPodSpec
        {
            Namespace = "vm-imports", Name = "plan-vm-42-v2v", VmId = "vm-42", GuestId = "windows2019srv_64Guest", TotalDiskBytes = 1, DataVolumes = ["dv-a", "dv-b"],
            Labels = Labels, VmName = "sql-01", CpuCount = 4, MemoryMB = 8192, Firmware = "efi",
        }, [VolumeMode.Filesystem, VolumeMode.Block]);

        Assert.Equal(("plan-vm-42-v2v-input", "vm-imports", "vm-42"), (configMap.Metadata.Name, configMap.Metadata.NamespaceProperty, configMap.Metadata.Labels["vmID"]));
        var domain = System.Xml.Linq.XElement.Parse(configMap.Data["input.xml"]);
        Assert.Equal("kvm", domain.Attribute("type")!.Value);
        Assert.Equal("sql-01", domain.Element("name")!.Value);
        Assert.Equal(("8192", "MiB"), (domain.Element("memory")!.Value, domain.Element("memory")!.Attribute("unit")!.Value));
        Assert.Equal("4", domain.Element("vcpu")!.Value);
        Assert.Equal("efi", domain.Element("os")!.Attribute("firmware")!.Value);
        var disks = domain.Element("devices")!.Elements("disk").ToList();
        Assert.Equal(("file", "/mnt/disks/disk0/disk.img", "vda"), (disks[0].Attribute("type")!.Value, disks[0].Element("source")!.Attribute("file")!.Value, disks[0].Element("target")!.Attribute("dev")!.Value));
        Assert.Equal(("block", "/dev/block1", "vdb"), (disks[1].Attribute("type")!.Value, disks[1].Element("source")!.Attribute("dev")!.Value, disks[1].Element("target")!.Attribute("dev")!.Value));
        Assert.All(disks, d => Assert.Equal("raw", d.Element("driver")!.Attribute("type")!.Value));

        var bios = ConversionPodManifest.InputConfigMap(new ConversionPodSpec { Namespace = "n", Name = "p", VmId = "vm-1", GuestId = "g", TotalDiskBytes = 1 }, []);
        Assert.Null(System.Xml.Linq.XElement.Parse(bios.Data["input.xml"]).Element("os")!.Attribute("firmware"));
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
    }
}
