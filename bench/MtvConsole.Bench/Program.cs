using System.Diagnostics;
using MtvConsole.Lab;
using MtvConsole.Lab.Generation;

// Measures the Lab at the default size, a large site and the 50,000-VM ceiling:
// - generate: building the inventory from the seed (paid once at start-up);
// - inventory read: LabVCenter.GetInventoryAsync, what every provider refresh and VM list pays.
// Median and minimum of several runs after a warm-up.
// `-- vmquery [N]` runs the wizard's VM query benchmark instead (VmQueryBench.cs; default 10,000 VMs);
// `-- validation [N]` measures validation instead (ValidationBench.cs; default 10,000 VMs).
if (args is ["vmquery", ..])
{
    MtvConsole.Bench.VmQueryBench.Run(args.Length > 1 ? int.Parse(args[1]) : 10_000);
    return;
}

if (args is ["validation", ..])
{
    ValidationBench.Run(args.Length > 1 ? int.Parse(args[1]) : 10_000);
    return;
}

// `-- engine [N]` runs an N-VM warm plan on the Lab with simulated time (EngineBench.cs; default 1,000 VMs).
if (args is ["engine", ..])
{
    await EngineBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000);
    return;
}

// `-- vsphere [N]` reads the full inventory of an N-VM vCenter simulator through the real adapter (VsphereBench.cs; default 10,000).
if (args is ["vsphere", ..])
{
    await MtvConsole.Bench.VsphereBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
    return;
}

// `-- vsphere-collect URL PARALLELISM`: one collection in a fresh process, for the vsphere bench's peak memory.
if (args is ["vsphere-collect", var collectUrl, var collectParallelism])
{
    await MtvConsole.Bench.VsphereBench.CollectOnceAsync(new Uri(collectUrl), int.Parse(collectParallelism, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// `-- kubevirt [namespaces] [nads] [vms]` syncs a large inventory from the fake Kubernetes API and times NAD → network map Ready (KubeVirtBench.cs).
if (args is ["kubevirt", ..])
{
    var n = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    await MtvConsole.Bench.KubeVirtBench.RunAsync(n.Length > 0 ? n[0] : 2_000, n.Length > 1 ? n[1] : 5_000, n.Length > 2 ? n[2] : 2_000);
    return;
}

// `-- hub [VMs] [clients] [seconds]` loads the migrations hub (HubBench.cs; default 1,000 VMs, 50 clients, 20 s).
if (args is ["hub", ..])
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    await HubBench.RunAsync(Arg(1, 1_000), Arg(2, 50), Arg(3, 20));
    return;
}

int[] sizes = args.Length > 0 ? [.. args.Select(int.Parse)] : [60, 5_000, 50_000];
Console.WriteLine("| VMs | hosts | generate median (ms) | generate min (ms) | inventory read median (ms) | runs | managed memory (MB) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var size in sizes)
{
    var options = new LabOptions { VmCount = size };
    var runs = size >= 50_000 ? 5 : 9;
    var generate = Measure(runs, () => LabInventoryGenerator.Generate(options));
    var world = new LabWorld(options, TimeProvider.System);
    var vcenter = new LabVCenter(world);
    var read = Measure(runs, () => vcenter.GetInventoryAsync().GetAwaiter().GetResult());
    var memory = GC.GetTotalMemory(forceFullCollection: true) / 1_000_000.0;
    Console.WriteLine($"| {size:N0} | {world.Inventory.Vsphere.Hosts.Count:N0} | {generate.Median:F1} | {generate.Min:F1} | {read.Median:F1} | {runs} | {memory:F0} |");
}

static (double Median, double Min) Measure(int runs, Action action)
{
    action(); // warm-up (JIT)
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return (times[times.Count / 2], times[0]);
}
