using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Engine;
using MtvConsole.Web.Dashboard;

/// <summary>
/// The migrations hub under load: the whole console on Kestrel (loopback), a plan whose run has N VMs, each
/// VM's status saved and announced on the engine feed once per second (in 10 slices per second), and C
/// SignalR clients (WebSockets, signed in with the session cookie) subscribed to the plan. Each update
/// carries its send time in the disk's completed MiB, so a client measures delivery latency from the
/// moment before the store write to its receive handler. CPU is the bench process (server and clients).
/// </summary>
internal static partial class HubBench
{
    private const string Password = MtvConsole.E2E.Tests.ConsoleServer.AdminPassword;

    public static async Task RunAsync(int vmCount, int clientCount, int seconds)
    {
        // The engine's loop is slowed so it leaves the bench run alone.
        await using var server = new MtvConsole.E2E.Tests.ConsoleServer(new Dictionary<string, string>
        {
            ["Engine:TickSeconds"] = "60",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var services = server.Services;
        var plan = await BenchPlanSeed.SeedAsync(services, vmCount);
        var url = new Uri(server.Url);

        var watch = Stopwatch.StartNew();
        var latencies = new List<double>[clientCount];
        var received = new long[clientCount];
        var measuring = false;
        var clients = new List<HubConnection>();
        for (var i = 0; i < clientCount; i++)
        {
            var index = i;
            latencies[i] = [];
            var cookie = await SignInAsync(url);
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(url, DashboardRegistration.HubPath), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.Headers["Cookie"] = cookie;
                })
                .Build();
            connection.On<ProgressBatchDto>(nameof(IMigrationClient.Progress), batch =>
            {
                var now = watch.Elapsed.TotalMilliseconds;
                if (!Volatile.Read(ref measuring)) return;
                lock (latencies[index])
                {
                    foreach (var vm in batch.Vms) latencies[index].Add(now - vm.Disks[0].CompletedMiB);
                }

                Interlocked.Increment(ref received[index]);
            });
            connection.On<IReadOnlyList<PlanSnapshotDto>>(nameof(IMigrationClient.Snapshot), _ => { });
            await connection.StartAsync();
            await connection.InvokeAsync("SubscribePlan", plan.Name);
            clients.Add(connection);
        }

        var store = services.GetRequiredService<IMigrationStore>();
        var feed = services.GetRequiredService<EngineEventFeed>();
        var run = (await store.GetRunsAsync(plan.Id)).Single();
        var slices = run.Vms.Chunk(Math.Max(1, vmCount / 10)).ToList();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = default;
        var wallStart = TimeSpan.Zero;
        long updates = 0;
        var warmup = watch.Elapsed + TimeSpan.FromSeconds(5);
        var end = warmup + TimeSpan.FromSeconds(seconds);
        for (var tick = 0; ; tick++)
        {
            await timer.WaitForNextTickAsync();
            if (!measuring && watch.Elapsed >= warmup)
            {
                process.Refresh();
                (cpuStart, wallStart) = (process.TotalProcessorTime, watch.Elapsed);
                Volatile.Write(ref measuring, true);
            }

            if (watch.Elapsed >= end) break;
            var slice = slices[tick % slices.Count];
            var sentAt = (long)watch.Elapsed.TotalMilliseconds;
            await BenchPlanSeed.UpdateAsync(store, feed, run.Id, slice, sentAt);
            if (Volatile.Read(ref measuring)) updates += slice.Length;
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        var wall = (watch.Elapsed - wallStart).TotalSeconds;
        // Let the last batches arrive before counting.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Volatile.Write(ref measuring, false);
        var all = latencies.SelectMany(l => { lock (l) return l.ToList(); }).Order().ToList();
        var messages = received.Sum();
        double Percentile(double p) => all.Count == 0 ? double.NaN : all[Math.Min(all.Count - 1, (int)(p * all.Count))];
        Console.WriteLine("| VMs | clients | seconds | VM updates/s sent | hub messages/s | VM states delivered/s | p50 (ms) | p99 (ms) | max (ms) | process CPU (% of 1 core) | cores |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {vmCount:N0} | {clientCount} | {seconds} | {updates / wall:N0} | {messages / wall:N0} | {all.Count / wall:N0} | {Percentile(0.5):F1} | {Percentile(0.99):F1} | {all.LastOrDefault():F1} | {100 * cpu / wall:F0} | {Environment.ProcessorCount} |");
        foreach (var c in clients) await c.DisposeAsync();
    }

    private static async Task<string> SignInAsync(Uri url)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = url };
        var page = await http.GetStringAsync("/signin");
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        var response = await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "admin", ["password"] = Password, ["returnUrl"] = "/",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed: {response.StatusCode}");
        return cookies.GetCookieHeader(url);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
