using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.FakeKube;
using MtvConsole.FakeKube.Controllers;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// What CDI keeps on a DataVolume's PVC and the adapter reads from it: checkpoints copied (warm precopies),
/// the importer pod's name (populators), and DataVolumes that outlive their import.
/// </summary>
public sealed class CdiClaimTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["plan"] = "p-1", ["migration"] = "m-1", ["vmID"] = "vm-42" };

    private const string Thumbprint = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD";

    private static async Task<FakeCluster> ClusterAsync()
    {
        var cluster = await FakeClusterFixture.StartSeededAsync();
        cluster.AddNamespace("vm-imports");
        cluster.Cdi.Vddk.Endpoints = new OneDiskVddkEndpoint("https://vc/sdk", Thumbprint, "u", 1, "[ds] a.vmdk");
        return cluster;
    }

    private static DataVolumeSpec Dv(string name, IReadOnlyDictionary<string, string>? annotations = null) => new()
    {
        Namespace = "vm-imports", Name = name, Labels = Labels, Annotations = annotations ?? new Dictionary<string, string>(), SourceUrl = "https://vc/sdk", Thumbprint = Thumbprint,
        VmId = "vm-42", VmUuid = "u", DiskKey = 1, BackingFile = "[ds] a.vmdk", StorageClass = FakeClusterFixture.ImmediateClass, SizeBytes = 1 << 30,
        SecretName = "p-vm-42-vddk", VddkInitImage = FakeClusterFixture.VddkImage,
    };

    [Fact]
    public async Task After_a_checkpoint_is_added_the_stale_paused_data_volume_does_not_show_it_copied_until_cdi_has_copied_it()
    {
        await using var cluster = await ClusterAsync();
        var adapter = FakeClusterFixture.Adapter(cluster);
        var warm = new Dictionary<string, string> { [DataVolumeAnnotations.UsePopulator] = "false" };
        await adapter.CreateDataVolumeAsync(Dv("warm-disk", warm) with { Checkpoints = [new DataVolumeCheckpoint("", "snapshot-1")] });
        cluster.Advance(TimeSpan.FromMinutes(2));
        var first = await adapter.GetDataVolumeAsync("vm-imports", "warm-disk");
        Assert.Equal(DataVolumePhase.Paused, first!.Phase);
        Assert.Equal(["snapshot-1"], first.CopiedCheckpoints);

        await adapter.AddCheckpointAsync("vm-imports", "warm-disk", new DataVolumeCheckpoint("52 aa/1", "snapshot-2"), final: false);
        cluster.Advance(cluster.Cdi.CheckpointPickupDelay / 2);
        var stale = await adapter.GetDataVolumeAsync("vm-imports", "warm-disk");

        Assert.Equal(DataVolumePhase.Paused, stale!.Phase);
        Assert.DoesNotContain("snapshot-2", stale.CopiedCheckpoints);
        cluster.Advance(TimeSpan.FromMinutes(1));
        var copied = await adapter.GetDataVolumeAsync("vm-imports", "warm-disk");
        Assert.Equal(DataVolumePhase.Paused, copied!.Phase);
        Assert.Contains("snapshot-2", copied.CopiedCheckpoints);
        var pvc = cluster.Store.Get(ResourceTypes.PersistentVolumeClaim, "vm-imports", "warm-disk")!;
        Assert.Equal("importer-warm-disk-checkpoint-snapshot-2", pvc["metadata"]!["annotations"]![CdiClaims.ImportPodName]!.GetValue<string>());
    }

    [Fact]
    public async Task The_importers_termination_message_is_read_from_the_pod_its_claim_names_with_populators()
    {
        await using var cluster = await ClusterAsync();
        var adapter = FakeClusterFixture.Adapter(cluster);
        await adapter.CreateDataVolumeAsync(Dv("cold-disk"));
        cluster.Advance(TimeSpan.FromSeconds(10));

        cluster.Cdi.FailImporter("vm-imports", "cold-disk", 2, "VDDK: Cannot connect to host: NFC connection refused");
        cluster.Advance(TimeSpan.FromSeconds(1)); // the restarted importer runs again: the DataVolume's Running condition no longer has the message
        var dv = await adapter.GetDataVolumeAsync("vm-imports", "cold-disk");

        var pvcUid = cluster.Store.Get(ResourceTypes.PersistentVolumeClaim, "vm-imports", "cold-disk")!["metadata"]!["uid"]!.GetValue<string>();
        Assert.NotNull(cluster.Store.Get(ResourceTypes.Pod, "vm-imports", $"importer-prime-{pvcUid}"));
        Assert.Null(cluster.Store.Get(ResourceTypes.Pod, "vm-imports", "importer-cold-disk"));
        Assert.Equal(2, dv!.RestartCount);
        Assert.Equal("VDDK: Cannot connect to host: NFC connection refused", dv.Message);
    }

    [Fact]
    public async Task Warm_precopy_waits_for_cdi_to_copy_its_checkpoint_so_a_quick_cutover_keeps_the_snapshot_cdi_still_reads()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        var plan = h.AddPlan("warm-quick-cutover", warm: true, vm);
        await h.StartAsync(plan, precopyMinutes: 5);
        await h.RunUntilAsync(() => h.Vm(plan).Warm is { Successes: 1 } && h.Vm(plan).Phase == Phases.CopyingPaused);

        // The delta of the second precopy takes CDI a minute to copy, after it has noticed the new checkpoint.
        h.Cluster.Cdi.BytesPerSecond = (long)(vm.Disks.Max(d => d.CapacityBytes) * h.Cluster.Cdi.DeltaFraction / 60);
        var names = vm.Disks.Select(d => MigrationNames.DataVolume(plan, vm.Id, d.Key)).ToList();
        await h.RunUntilAsync(() => names.All(n => h.Cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", n)!["spec"]!["checkpoints"]!.AsArray().Count == 2));
        Assert.Equal(Phases.CopyDisks, h.Vm(plan).Phase);
        Assert.True((await h.Commands.SetCutoverAsync(plan.Name, h.Cluster.Time.GetUtcNow(), null, "ops")).Succeeded);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        var status = h.Vm(plan);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        var second = status.Warm!.Precopies[1];
        Assert.True(second.End - second.Start >= TimeSpan.FromSeconds(60), $"precopy 2 took {second.End - second.Start}");
    }

    [Fact]
    public async Task Cold_migration_survives_a_cdi_that_garbage_collects_succeeded_data_volumes()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        h.Cluster.Cdi.GarbageCollectSucceeded = true;
        var vm = h.HealthyVm();
        var plan = h.AddPlan("cold-gc", warm: false, vm);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null, maxTicks: 300);

        Assert.True(h.Vm(plan).Succeeded, h.Vm(plan).Error?.Reasons.LastOrDefault());
        foreach (var disk in vm.Disks)
        {
            var dv = h.Cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", MigrationNames.DataVolume(plan, vm.Id, disk.Key));
            Assert.Equal("false", dv!["metadata"]!["annotations"]![DataVolumeAnnotations.DeleteAfterCompletion]!.GetValue<string>());
        }
    }
}
