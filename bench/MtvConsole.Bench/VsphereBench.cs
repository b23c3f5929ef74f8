using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MtvConsole.Vsphere;
using MtvConsole.Vsphere.Collector;
using MtvConsole.Vsphere.Soap;
using MtvConsole.Vsphere.Tests.Simulator;

namespace MtvConsole.Bench;

/// <summary>
/// `-- vsphere N`: the full inventory (devices included) of an N-VM simulator through the real adapter with 1, 2 and
/// 3 parallel retrievals: wall time, client CPU, the peak memory of one collection in a fresh process, the simulator's
/// own time for the same request (curl), and how fast changes of 10 VMs arrive through WaitForUpdatesEx (on 1,000 VMs).
/// </summary>
internal static partial class VsphereBench
{
    public static async Task RunAsync(int vmCount)
    {
        var perCluster = Math.Min(500, vmCount);
        var clusters = (vmCount + perCluster - 1) / perCluster;
        var created = Stopwatch.StartNew();
        double serverOnly;
        var rows = new List<string>();
        await using (var sim = await Vcsim.StartAsync("-scenario", "-cluster", Invariant(clusters), "-vm", Invariant(perCluster)))
        {
            Console.WriteLine($"simulator: {sim.VmCount:N0} VMs ready in {created.Elapsed.TotalSeconds:F1} s (pid {sim.Pid})");
            foreach (var parallelism in new[] { 1, 2, 3 })
                rows.Add(await CollectionRowAsync(sim, parallelism));
            serverOnly = await CurlSecondsAsync(sim);
        }
        // The 0.24 simulator recollects the watching filter's whole spec per modified object, so changes are timed on 1,000 VMs.
        await using (var small = await Vcsim.StartAsync("-scenario", "-cluster", "2", "-vm", "500"))
        {
            var incremental = await IncrementalAsync(small);
            Console.WriteLine($"{Changed} power-offs on a 1,000-VM simulator arrive in {incremental:F0} ms");
        }
        Console.WriteLine($"simulator alone (curl, the whole inventory as one answer, min of 3): {serverOnly * 1000:F0} ms");
        Console.WriteLine("| VMs | parallel retrievals | first run (ms) | warm median (ms) | warm min (ms) | client CPU, warm median (ms) | peak working set of one collection in a fresh process (MB) | managed heap after it (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows) Console.WriteLine(row);
    }

    /// <summary>Four collections in this process (a new session each), then one in a fresh process for its peak memory.</summary>
    private static async Task<string> CollectionRowAsync(Vcsim sim, int parallelism)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        var inventoryCount = 0;
        var self = Process.GetCurrentProcess();
        for (var run = 0; run < 4; run++)
        {
            await using var provider = new VsphereSourceProvider(sim.Options(), TimeProvider.System) { Parallelism = parallelism };
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var inventory = await provider.GetInventoryAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            inventoryCount = inventory.Vms.Count;
        }
        var (peak, heap) = await FreshProcessAsync(sim, parallelism);
        var warm = times.Skip(1).Order().ToList();
        var warmCpu = cpu.Skip(1).Order().ToList();
        Console.WriteLine($"parallelism {parallelism}: runs {string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms");
        return $"| {inventoryCount:N0} | {parallelism} | {times[0]:F0} | {warm[warm.Count / 2]:F0} | {warm[0]:F0} | {warmCpu[warmCpu.Count / 2]:F0} | {peak:F0} | {heap:F0} |";
    }

    /// <summary>Runs `vsphere-collect` (one collection, see <see cref="CollectOnceAsync"/>) in a new process of this bench.</summary>
    private static async Task<(double PeakMb, double HeapMb)> FreshProcessAsync(Vcsim sim, int parallelism)
    {
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") arguments.Add(typeof(VsphereBench).Assembly.Location);
        arguments.AddRange(["vsphere-collect", sim.Url.ToString(), Invariant(parallelism)]);
        using var child = Process.Start(new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true })!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var parts = output.Trim().Split(' ');
        if (child.ExitCode != 0 || parts.Length != 2) throw new InvalidOperationException($"vsphere-collect failed ({child.ExitCode}): {output}");
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// `-- vsphere-collect URL PARALLELISM`: one full collection against a running simulator, then prints the peak
    /// working set of this process and the managed heap still held (the inventory) in MB — what a console process pays.
    /// </summary>
    public static async Task CollectOnceAsync(Uri url, int parallelism)
    {
        var options = new VsphereConnectionOptions { Url = url, UserName = Vcsim.User, Password = Vcsim.Password, Timeout = TimeSpan.FromSeconds(120) };
        await using var provider = new VsphereSourceProvider(options, TimeProvider.System) { Parallelism = parallelism };
        var inventory = await provider.GetInventoryAsync();
        var heap = GC.GetTotalMemory(forceFullCollection: true) / 1_000_000.0;
        GC.KeepAlive(inventory);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000.0:F0} {heap:F0}"));
    }

    /// <summary>The same RetrievePropertiesEx (one page, as the simulator serialises everything before paging anyway) sent with curl.</summary>
    private static async Task<double> CurlSecondsAsync(Vcsim sim)
    {
        var cookies = Path.GetTempFileName();
        try
        {
            var url = sim.Url.ToString();
            await CurlAsync(url, cookies, SoapEnvelope.Build("RetrieveServiceContent", "ServiceInstance", "ServiceInstance", []));
            await CurlAsync(url, cookies, SoapEnvelope.Build("Login", "SessionManager", "SessionManager",
                [Vim.El("userName", Vcsim.User), Vim.El("password", Vcsim.Password)]));
            var view = await CurlAsync(url, cookies, SoapEnvelope.Build("CreateContainerView", "ViewManager", "ViewManager",
            [
                Vim.Ref("container", "Folder", "group-d1"), .. InventorySpec.PathsByType.Keys.Select(t => Vim.El("type", t)), Vim.El("recursive", true),
            ]));
            var viewId = ReturnVal().Match(view.Body).Groups[1].Value;
            var retrieve = SoapEnvelope.Build("RetrievePropertiesEx", "PropertyCollector", "propertyCollector",
                [Vim.El("specSet", PropertyCollector.ViewSpec(viewId, InventorySpec.PathsByType)), Vim.El("options")]);
            var times = new List<double>();
            for (var i = 0; i < 3; i++) times.Add((await CurlAsync(url, cookies, retrieve, discard: true)).Seconds);
            return times.Order().First();
        }
        finally
        {
            File.Delete(cookies);
        }
    }

    private static async Task<(string Body, double Seconds)> CurlAsync(string url, string cookies, XDocument request, bool discard = false)
    {
        var body = Path.GetTempFileName();
        await File.WriteAllTextAsync(body, request.ToString(SaveOptions.DisableFormatting));
        var start = new ProcessStartInfo("curl", ["-s", "-b", cookies, "-c", cookies, "-H", "Content-Type: text/xml; charset=utf-8",
            "--data-binary", "@" + body, "-w", "\n%{time_total}", "-o", discard ? "/dev/null" : "-", url])
        {
            RedirectStandardOutput = true,
        };
        using var curl = Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        File.Delete(body);
        var lastLine = output.LastIndexOf('\n');
        return (output[..Math.Max(0, lastLine)], double.Parse(output[(lastLine + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Powers off <see cref="Changed"/> VMs through another session, then times until the watching adapter has all the changes.
    /// The 0.24 simulator recollects a filter's whole spec for every modification in a batch, so this grows with
    /// changes × inventory size there (vCenter sends only the changed properties).
    /// </summary>
    private const int Changed = 10;

    private static async Task<double> IncrementalAsync(Vcsim sim)
    {
        await using var watcher = new VsphereSourceProvider(sim.Options(), TimeProvider.System);
        await using var other = new VsphereSourceProvider(sim.Options(), TimeProvider.System);
        var inventory = await watcher.GetInventoryAsync();
        await watcher.WaitForChangesAsync(TimeSpan.Zero);
        var targets = inventory.Vms.Where(v => v.PowerState == Core.Inventory.PowerState.PoweredOn && v.Name.Contains("_C0_", StringComparison.Ordinal))
            .Skip(20).Take(Changed).Select(v => v.Id).ToList();
        foreach (var id in targets) await other.PowerOffAsync(id);
        var watch = Stopwatch.StartNew();
        var seen = new HashSet<string>();
        while (!targets.All(seen.Contains) && watch.Elapsed < TimeSpan.FromSeconds(120))
            seen.UnionWith(await watcher.WaitForChangesAsync(TimeSpan.FromSeconds(5)));
        return watch.Elapsed.TotalMilliseconds;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("<returnval[^>]*>([^<]+)</returnval>")]
    private static partial Regex ReturnVal();
}
