using MtvConsole.Core.Ports;
using MtvConsole.FakeKube;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// DataVolumes on a WaitForFirstConsumer storage class: without CDI's bind-immediate annotation the PVC
/// waits for the VM that consumes it; with it (what the engine always sets, as Forklift does) the import starts at once.
/// </summary>
public sealed class WaitForFirstConsumerTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;
    private KubeVirtTargetCluster _adapter = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        _cluster.AddNamespace("vm-imports");
        _adapter = FakeClusterFixture.Adapter(_cluster);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static DataVolumeSpec Dv(string name, IReadOnlyDictionary<string, string> annotations) => new()
    {
        Namespace = "vm-imports", Name = name, Labels = new Dictionary<string, string> { ["vmID"] = "vm-7" }, Annotations = annotations,
        SourceUrl = "https://vc/sdk", VmId = "vm-7", VmUuid = "u", DiskKey = 1, BackingFile = "[ds] a.vmdk",
        StorageClass = FakeClusterFixture.WffcClass, SizeBytes = 1 << 30, SecretName = "p-vm-7-vddk", VddkInitImage = FakeClusterFixture.VddkImage,
    };

    [Fact]
    public async Task Without_the_annotation_the_import_waits_for_a_consumer_and_with_it_the_import_starts()
    {
        await _adapter.CreateDataVolumeAsync(Dv("waits", new Dictionary<string, string>()));
        await _adapter.CreateDataVolumeAsync(Dv("binds", new Dictionary<string, string> { [DataVolumeAnnotations.BindImmediate] = "true" }));

        _cluster.Advance(TimeSpan.FromSeconds(20));

        var waits = await _adapter.GetDataVolumeAsync("vm-imports", "waits");
        var binds = await _adapter.GetDataVolumeAsync("vm-imports", "binds");
        Assert.Equal(DataVolumePhase.Pending, waits!.Phase);
        Assert.Contains("first consumer", waits.Message, StringComparison.Ordinal);
        Assert.Equal(0, waits.ProgressPercent);
        Assert.True(binds!.Phase is DataVolumePhase.ImportInProgress or DataVolumePhase.Succeeded, $"{binds.Phase}: {binds.Message}");
    }
}
