using System.Diagnostics;
using MtvConsole.Lab;
using MtvConsole.Lab.Generation;

// Measures how long the Lab takes to generate its inventory (what a first start and every provider
// refresh pay) at the default size, a large site, and the 50,000-VM ceiling. Median of several runs.
int[] sizes = args.Length > 0 ? [.. args.Select(int.Parse)] : [60, 5_000, 50_000];
Console.WriteLine("| VMs | hosts | median generate (ms) | min (ms) | runs | managed memory after (MB) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
foreach (var size in sizes)
{
    var options = new LabOptions { VmCount = size };
    LabInventoryGenerator.Generate(options); // warm-up (JIT)
    var runs = size >= 50_000 ? 5 : 9;
    var times = new List<double>();
    var hosts = 0;
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        var inventory = LabInventoryGenerator.Generate(options);
        watch.Stop();
        times.Add(watch.Elapsed.TotalMilliseconds);
        hosts = inventory.Vsphere.Hosts.Count;
    }
    times.Sort();
    var memory = GC.GetTotalMemory(forceFullCollection: true) / 1_000_000.0;
    Console.WriteLine($"| {size:N0} | {hosts} | {times[times.Count / 2]:F1} | {times[0]:F1} | {runs} | {memory:F0} |");
}
