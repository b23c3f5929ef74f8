using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using MtvConsole.Core.Readiness;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.FakeKube;
using MtvConsole.KubeVirt;
using MtvConsole.KubeVirt.Connection;
using MtvConsole.KubeVirt.Inventory;
using MtvConsole.Lab;

namespace MtvConsole.Bench;

/// <summary>
/// The KubeVirt adapter against the fake API server over loopback HTTP:
/// - inventory list: <see cref="KubeVirtTargetCluster.GetInventoryAsync"/> with no watch (one list per kind);
/// - watch sync: from starting the watches to a synced cache;
/// - NAD → map Ready: from creating a NAD to a network map that waited for it validating Ready, through
///   the path the console takes (watch event → provider refresh with the SelfSubjectAccessReview
///   connection test → network map validation over the watched inventory); the database writes and
///   the Blazor push of the console are not included.
/// </summary>
internal static class KubeVirtBench
{
    public static async Task RunAsync(int namespaces, int nads, int vms)
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.AddStorageClass("ceph-rbd", "Immediate", "Block", "ReadWriteMany", isDefault: true);
        for (var i = 0; i < namespaces; i++) cluster.AddNamespace($"ns-{i:D5}");
        for (var i = 0; i < nads; i++) cluster.AddNad($"ns-{i % namespaces:D5}", $"nad-{i:D5}");
        for (var i = 0; i < vms; i++) cluster.AddVm($"ns-{i % namespaces:D5}", $"vm-{i:D5}", $"02:00:{i >> 16 & 0xff:x2}:{i >> 8 & 0xff:x2}:{i & 0xff:x2}:01");
        var client = cluster.Client();
        var adapter = new KubeVirtTargetCluster(client, new NoCredentials(), new KubeVirtOptions());

        var list = await MeasureAsync(7, async () => await adapter.GetInventoryAsync());
        var inventory = await adapter.GetInventoryAsync();

        var cache = new TargetInventoryCache();
        var changes = Channel.CreateUnbounded<InventoryChange>();
        cache.Changed += c => changes.Writer.TryWrite(c);
        using var stop = new CancellationTokenSource();
        var syncWatch = Stopwatch.StartNew();
        var watching = new TargetInventoryWatcher(client, cache, TimeProvider.System, (kind, e) => Console.Error.WriteLine($"{syncWatch.Elapsed.TotalMilliseconds:F0} ms {kind}: {e.GetType().Name}: {e.Message} {e.InnerException?.Message}")).RunAsync(stop.Token);
        await foreach (var _ in changes.Reader.ReadAllAsync())
            if (cache.Synced) break;
        var sync = syncWatch.Elapsed.TotalMilliseconds;

        // NAD → map Ready, several times.
        var world = new LabWorld(new LabOptions { VmCount = 60 }, TimeProvider.System);
        var source = new Provider { Name = "vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, Url = world.VCenterUrl };
        var destination = new Provider { Name = "ocp", Type = ProviderType.OpenShift, Backing = ProviderBacking.Remote, Url = "https://api.bench.example:6443", SecretId = Guid.NewGuid() };
        ProviderValidation.Apply(source, new ConnectionResult(true, null, true), DateTimeOffset.UtcNow);
        ProviderValidation.Apply(destination, new ConnectionResult(true, null, true), DateTimeOffset.UtcNow, ["token"]);
        if (!destination.IsReady) throw new InvalidOperationException(string.Join("; ", destination.Conditions.Select(c => c.Message)));
        var network = world.Inventory.Vsphere.Networks[0];
        var readyTimes = new List<double>();
        for (var round = 0; round < 9; round++)
        {
            var name = $"new-nad-{round}";
            var map = new NetworkMap
            {
                Name = "waiting",
                SourceProviderId = source.Id,
                DestinationProviderId = destination.Id,
                Entries = [new NetworkMapEntry(Ref.ById(network.Id), NetworkDestinationType.Multus, "ns-00000", name)],
            };
            var now = DateTimeOffset.UtcNow;
            NetworkMapValidator.Validate(map, source, destination, world.Inventory.Vsphere, cache.Snapshot(), now);
            if (map.IsReady) throw new InvalidOperationException("The map must wait for its NAD.");
            var watch = Stopwatch.StartNew();
            cluster.AddNad("ns-00000", name);
            await foreach (var change in changes.Reader.ReadAllAsync())
                if (change.Key == $"ns-00000/{name}") break;
            var report = await ConnectionTester.TestAsync(client);
            if (!report.Succeeded) throw new InvalidOperationException(report.Describe());
            NetworkMapValidator.Validate(map, source, destination, world.Inventory.Vsphere, cache.Snapshot(), DateTimeOffset.UtcNow);
            if (!map.IsReady) throw new InvalidOperationException("The map did not turn Ready: " + string.Join("; ", map.Conditions.Select(c => c.Message)));
            readyTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        await stop.CancelAsync();
        await watching;
        readyTimes.Sort();
        var memory = GC.GetTotalMemory(forceFullCollection: true) / 1_000_000.0;
        Console.WriteLine("| namespaces | NADs | VMs | inventory list median (ms) | min (ms) | watch sync (ms) | NAD → map Ready median (ms) | max (ms) | managed memory (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {inventory.Namespaces.Count:N0} | {inventory.NetworkAttachmentDefinitions.Count:N0} | {inventory.Vms.Count:N0} | {list.Median:F0} | {list.Min:F0} | {sync:F0} | {readyTimes[readyTimes.Count / 2]:F1} | {readyTimes[^1]:F1} | {memory:F0} |"));
    }

    private static async Task<(double Median, double Min)> MeasureAsync(int runs, Func<Task> action)
    {
        await action(); // warm-up (JIT)
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[0]);
    }

    private sealed class NoCredentials : ISourceCredentials
    {
        public Task<SourceCredentials> GetAsync(Guid sourceProviderId, Guid? migrationHostId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The inventory benchmark creates no DataVolumes.");
    }
}
