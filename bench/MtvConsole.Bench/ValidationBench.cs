using System.Diagnostics;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Validation;
using MtvConsole.Lab;
using MtvConsole.Lab.Generation;

/// <summary>
/// Validation speed on a Lab inventory: every VM from scratch (empty store), revalidation after 100 VMs
/// changed (results stored), and a re-read of an unchanged inventory with fresh objects (change detection only).
/// </summary>
internal static class ValidationBench
{
    public static void Run(int size)
    {
        const int runs = 15;
        const int changes = 100;
        var inventory = LabInventoryGenerator.Generate(new LabOptions { VmCount = size }).Vsphere;
        var reread = LabInventoryGenerator.Generate(new LabOptions { VmCount = size }).Vsphere;
        var changed = WithChanges(inventory, changes);
        var provider = Guid.NewGuid();

        var scratch = Measure(runs, () => new ValidationService(new InMemoryConcernStore(), TimeProvider.System).Sync(provider, "lab", inventory), size);

        var service = new ValidationService(new InMemoryConcernStore(), TimeProvider.System);
        service.Sync(provider, "lab", inventory);
        var flip = false;
        var incremental = Measure(runs, () =>
        {
            flip = !flip;
            return service.Sync(provider, "lab", flip ? changed : inventory);
        }, changes);

        service.Sync(provider, "lab", inventory);
        var unchanged = Measure(runs, () => service.Sync(provider, "lab", reread), 0);

        Console.WriteLine("| VMs | rules | from scratch median / min (ms) | VMs/s (median / best) | from scratch CPU median (ms) | VMs per CPU-second | 100 changed: revalidate median / min (ms) | 100 changed CPU median (ms) | unchanged re-read median / min (ms) | runs |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {size:N0} | {service.Rules.Rules.Count} | {scratch.Median:F1} / {scratch.Min:F1} | {size / (scratch.Median / 1000):N0} / {size / (scratch.Min / 1000):N0} " +
            $"| {scratch.CpuMedian:F0} | {size / (scratch.CpuMedian / 1000):N0} | {incremental.Median:F2} / {incremental.Min:F2} | {incremental.CpuMedian:F0} | {unchanged.Median:F1} / {unchanged.Min:F1} | {runs} |");
    }

    private static VsphereInventory WithChanges(VsphereInventory inventory, int count)
    {
        var step = inventory.Vms.Count / count;
        var vms = inventory.Vms.Select((vm, i) => i % step == 0 && i / step < count ? vm with { MemoryMB = vm.MemoryMB + 1024, TpmEnabled = !vm.TpmEnabled } : vm).ToArray();
        return new VsphereInventory(inventory.Datacenters, inventory.Folders, inventory.Clusters, inventory.Hosts, inventory.Networks, inventory.Datastores, vms);
    }

    private static (double Median, double Min, double CpuMedian) Measure(int runs, Func<SyncReport> action, int expectedValidated)
    {
        JitWarmUp.Run(() => action()); // the optimized code a long-running console runs
        var times = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var report = action();
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            if (report.Validated != expectedValidated)
                throw new InvalidOperationException($"Expected {expectedValidated} VMs validated, got {report.Validated}.");
        }

        times.Sort();
        cpu.Sort();
        return (times[times.Count / 2], times[0], cpu[cpu.Count / 2]);
    }
}
