using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.FakeKube;
using MtvConsole.FakeKube.Controllers;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// The importer of a real cluster never gives up on an image its nodes cannot pull, so the engine must: through the
/// KubeVirt adapter against FakeKube's CDI, whose importer pod stays in ImagePullBackOff as a real one does.
/// </summary>
public sealed class ImporterImagePullTests
{
    private const string Unpullable = "quay.io/kubev2v/vddk:8.0.3";

    [Fact]
    public async Task A_vddk_image_the_nodes_cannot_pull_fails_the_vm_within_the_importer_start_timeout()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        h.Source.VddkInitImage = Unpullable;
        var vm = h.HealthyVm();
        var plan = h.AddPlan("unpullable", warm: false, vm);
        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Vm(plan).Phase == Phases.CopyDisks);
        var copyStarted = h.Cluster.Time.GetUtcNow();

        await h.RunUntilAsync(() => h.Vm(plan).Completed is not null, seconds: 30, maxTicks: 30);

        var status = h.Vm(plan);
        Assert.True(status.HasCondition(ConditionTypes.Failed));
        Assert.Equal(Phases.CopyDisks, status.Error!.Phase);
        Assert.InRange(status.Completed!.Value - copyStarted, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(11));
        Assert.Contains($": ImagePullBackOff for image {Unpullable} ({ContainerImages.BackOff(Unpullable)}). Check the VDDK init image of provider 'vcenter'", status.Error.Reasons[^1]);

        // What the adapter read: the DataVolume still scheduled, its importer pod's side car backing off.
        var dv = await h.Target.GetDataVolumeAsync("vm-imports", MigrationNames.DataVolume(plan, vm.Id, vm.Disks[0].Key));
        Assert.Equal(DataVolumePhase.ImportScheduled, dv!.Phase);
        // A cold DataVolume imports through CDI's populator: the pod belongs to the prime claim the DataVolume's claim names.
        var prime = h.Cluster.Store.Get(ResourceTypes.PersistentVolumeClaim, "vm-imports", dv.Name)!["metadata"]!["annotations"]![CdiClaims.PvcPrime]!.GetValue<string>();
        Assert.StartsWith("prime-", prime, StringComparison.Ordinal);
        Assert.Equal(new ImporterWaiting($"importer-{prime}", CdiImporterPods.SideCar, Unpullable, "ImagePullBackOff", ContainerImages.BackOff(Unpullable)), dv.ImporterWaiting);
    }

    [Fact]
    public async Task Without_any_vddk_image_the_data_volume_stays_pending_and_the_vm_fails_naming_cdis_reason()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        h.Source.VddkInitImage = null;
        var vm = h.HealthyVm();
        var plan = h.AddPlan("no-image", warm: false, vm);
        await h.StartAsync(plan);

        await h.RunUntilAsync(() => h.Vm(plan).Completed is not null, seconds: 30, maxTicks: 30);

        var status = h.Vm(plan);
        Assert.True(status.HasCondition(ConditionTypes.Failed));
        Assert.Matches(@"^Disk .+: DataVolume \S+ stayed Pending for 10 min \(waiting for v2v-vmware configmap or cdi\.kubevirt\.io/storage\.pod\.vddk\.initimageurl annotation for VDDK image\)\. Check the importer pod",
            status.Error!.Reasons[^1]);
    }

    [Fact]
    public async Task The_importer_pod_reports_the_kubelets_pull_error_first_and_then_its_back_off()
    {
        await using var cluster = await FakeClusterFixture.StartSeededAsync();
        var adapter = FakeClusterFixture.Adapter(cluster);
        await adapter.CreateDataVolumeAsync(new DataVolumeSpec
        {
            Namespace = "default", Name = "disk-1", SourceUrl = "https://vcenter.example.com/sdk", VmId = "vm-1", VmUuid = "u-1", DiskKey = 2000,
            BackingFile = "[ds] a.vmdk", StorageClass = FakeClusterFixture.ImmediateClass, SizeBytes = 1 << 30, SecretName = "vm-1-vddk", VddkInitImage = Unpullable,
        });

        cluster.Advance(TimeSpan.FromSeconds(15));
        var first = await adapter.GetDataVolumeAsync("default", "disk-1");
        cluster.Advance(TimeSpan.FromSeconds(5));
        var later = await adapter.GetDataVolumeAsync("default", "disk-1");

        Assert.Equal(("ErrImagePull", ContainerImages.PullError(Unpullable)), (first!.ImporterWaiting!.Reason, first.ImporterWaiting.Message));
        Assert.Equal("initializing source docker://quay.io/kubev2v/vddk:8.0.3: reading manifest 8.0.3 in quay.io/kubev2v/vddk: manifest unknown", first.ImporterWaiting.Message);
        Assert.Equal(("ImagePullBackOff", $"Back-off pulling image \"{Unpullable}\""), (later!.ImporterWaiting!.Reason, later.ImporterWaiting.Message));
        Assert.Equal(DataVolumePhase.ImportScheduled, later.Phase);
    }
}
