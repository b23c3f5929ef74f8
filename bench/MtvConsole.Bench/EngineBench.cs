using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Data.Engine;
using MtvConsole.Data.Startup;
using MtvConsole.Lab;

/// <summary>
/// A warm plan of N VMs on the Lab with simulated time, persisted to SQLite (WAL) through the EF store:
/// (1) steady state with every VM copying, one tick per simulated second (each VM's progress saved
/// every tick); (2) the rest of the plan (precopies every 10 min, cutover after 40 min) in 30 s ticks.
/// </summary>
internal static class EngineBench
{
    public static async Task RunAsync(int vmCount)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mtv-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        if (DatabaseStartup.Prepare(connection, o => new MtvDbContext(o)) is { } problem) throw new InvalidOperationException(problem);
        var options = new DbContextOptionsBuilder<MtvDbContext>().UseSqlite(connection).Options;
        var factory = new Factory(options);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var world = new LabWorld(new LabOptions { VmCount = vmCount * 3 }, time);
        var vms = world.Inventory.Vsphere.Vms.Where(v =>
            v.PowerState == PowerState.PoweredOn && v.ConnectionState == "connected" && !v.IsTemplate && v.ChangeTrackingEnabled
            && v.Disks.Count > 0 && v.Disks.All(d => d.ChangeTrackingEnabled && d.DatastoreId != "") && !v.FaultToleranceEnabled
            && v.Devices.Count == 0 && v.Snapshot is null).Take(vmCount).ToList();
        var plan = await SeedAsync(factory, world, vms);
        var store = new TimedStore(new EfMigrationStore(factory));
        await store.SaveSettingsAsync(new EngineSettings { MaxInFlightPerHost = 10_000 });
        var engine = new MigrationEngine(store, new Adapters(new LabVCenter(world), new LabCluster(world)), new LabHookRunner(time), time, new EngineEventFeed());
        await new MigrationCommands(engine, new NoAudit(), time).StartAsync(plan.Name, "bench", time.GetUtcNow().AddMinutes(40), 10);

        // Phase 1: until every VM copies, then 60 ticks of one simulated second each.
        var process = Process.GetCurrentProcess();
        var tickTimes = new List<double>();
        var saved = 0;
        var inFlight = 0;
        for (var i = 0; i < 200 && inFlight < vms.Count; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var s = await engine.TickAsync();
            inFlight = (await store.GetUnfinishedRunsAsync()).Single().Vms.Count(v => v.Phase == Phases.CopyDisks);
        }

        (store.LoadMs, store.SaveMs) = (0, 0);
        store.LoadMsByCall.Clear();
        for (var i = 0; i < 60; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var watch = Stopwatch.StartNew();
            var s = await engine.TickAsync();
            tickTimes.Add(watch.Elapsed.TotalMilliseconds);
            saved += s.SavedVms;
        }

        var (loadMs, saveMs) = (store.LoadMs / 60, store.SaveMs / 60);
        tickTimes.Sort();
        var mean = tickTimes.Average();
        Console.WriteLine($"VMs in the plan: {vms.Count}; copying during the steady state: {inFlight}");
        Console.WriteLine($"steady state: tick mean {mean:F0} ms, median {tickTimes[tickTimes.Count / 2]:F0} ms, p95 {tickTimes[(int)(tickTimes.Count * 0.95)]:F0} ms, max {tickTimes[^1]:F0} ms");
        Console.WriteLine($"steady state: {saved / 60.0:F0} VM statuses saved per tick, {saved / (tickTimes.Sum() / 1000):F0} persisted VM updates per second of engine time");
        Console.WriteLine($"steady state per tick: store loads {loadMs:F0} ms, store saves {saveMs:F0} ms, engine and Lab {mean - loadMs - saveMs:F0} ms");
        Console.WriteLine($"store loads per tick by call: {string.Join(", ", store.LoadMsByCall.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value / 60:F0} ms"))}");
        Console.WriteLine($"headroom at one tick per second: {1000 / mean:F1}x (a tick uses {mean / 10:F0}% of its second)");

        // Phase 2: the rest of the plan.
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var transitions = 0;
        var ticks = 0;
        var maxTicks = vmCount > 200 ? 60 : 2_000; // large plans: a 30-minute window of precopies, not the whole plan
        while ((await store.GetRunsAsync(plan.Id)).Single().Completed is null && ticks < maxTicks)
        {
            time.Advance(TimeSpan.FromSeconds(30));
            transitions += (await engine.TickAsync()).Transitions;
            ticks++;
        }

        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        var run = (await store.GetRunsAsync(plan.Id)).Single();
        Console.WriteLine($"store over the whole bench: loads {store.LoadMs / 1000:F1} s, saves {store.SaveMs / 1000:F1} s");
        Console.WriteLine($"{(run.Completed is null ? "first 30 simulated minutes" : "whole plan")}: {ticks} ticks, {transitions} phase transitions, {wall.Elapsed.TotalSeconds:F1} s wall, {cpuMs / 1000:F1} s CPU, "
            + $"{cpuMs / Math.Max(1, transitions):F2} ms CPU per transition (store included)");
        Console.WriteLine($"outcome: {run.Vms.Count(v => v.Succeeded)} succeeded, {run.Vms.Count(v => v.HasCondition("Failed"))} failed; "
            + $"precopies per VM {run.Vms.Average(v => v.Warm?.Successes ?? 0):F1}");
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<Plan> SeedAsync(Factory factory, LabWorld world, IReadOnlyList<VsphereVm> vms)
    {
        await using var db = factory.CreateDbContext();
        var source = new Provider { Name = "vcenter", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, Url = world.VCenterUrl, PinnedSha1 = world.VCenterThumbprint };
        var destination = new Provider { Name = "host", Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab };
        var storage = new StorageMap
        {
            Name = "storage",
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            Entries = world.Inventory.Vsphere.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), "ocs-storagecluster-ceph-rbd")).ToList(),
        };
        var plan = new Plan
        {
            Name = "bench",
            SourceProviderId = source.Id,
            DestinationProviderId = destination.Id,
            StorageMapId = storage.Id,
            TargetNamespace = "vm-imports",
            Warm = true,
            Vms = vms.Select(v => new PlanVm(Ref.ById(v.Id), [])).ToList(),
        };
        db.AddRange(source, destination, storage, plan);
        await db.SaveChangesAsync();
        return plan;
    }

    private sealed class Factory(DbContextOptions<MtvDbContext> options) : IDbContextFactory<MtvDbContext>
    {
        public MtvDbContext CreateDbContext() => new(options);
    }

    private sealed class Adapters(ISourceProvider source, ITargetCluster target) : IProviderAdapters
    {
        public ISourceProvider Source(Provider provider) => source;

        public ITargetCluster Target(Provider provider) => target;
    }

    private sealed class NoAudit : IAuditLog
    {
        public Task RecordAsync(string user, string action, string target, string details = "", bool succeeded = true, CancellationToken cancellationToken = default) =>
            Task.CompletedTask;
    }
}
