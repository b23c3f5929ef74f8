using System.Diagnostics;
using MtvConsole.Core.Inventory;
using MtvConsole.Lab;
using MtvConsole.Lab.Generation;

namespace MtvConsole.Bench;

/// <summary>
/// The wizard's VM step query (filter, sort, count, one page of 100) over a Lab inventory, for a mix of
/// filters a user types; reports p50 and p95 in the server.
/// </summary>
internal static class VmQueryBench
{
    public static void Run(int vmCount)
    {
        var inventory = LabInventoryGenerator.Generate(new LabOptions { VmCount = vmCount }).Vsphere;
        var cluster = inventory.Clusters[0].Id;
        var folder = inventory.Folders.First(f => f.Path.Count(c => c == '/') == 3 && f.Path.Contains("/vm/")).Path;
        VmFilter[] filters =
        [
            new(),
            new() { Name = "web" },
            new() { Name = "db", Power = PowerState.PoweredOn },
            new() { GuestOs = "windows" },
            new() { ClusterId = cluster },
            new() { Folder = folder },
            new() { Name = "zzz-no-match" },
        ];
        VmSortField[] sorts = [VmSortField.Name, VmSortField.GuestOs, VmSortField.Host];
        foreach (var f in filters) VmQuery.Page(inventory, f, VmSortField.Name, false, 0, 100); // warm-up

        var times = new List<double>();
        for (var round = 0; round < 30; round++)
        {
            foreach (var filter in filters)
            {
                var watch = Stopwatch.StartNew();
                VmQuery.Page(inventory, filter, sorts[round % sorts.Length], round % 2 == 1, 100 * (round % 3), 100);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        Console.WriteLine("| VMs | queries | p50 (ms) | p95 (ms) | max (ms) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {vmCount:N0} | {times.Count} | {times[times.Count / 2]:F2} | {times[(int)(times.Count * 0.95)]:F2} | {times[^1]:F2} |");
    }
}
