using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MtvConsole.Core.Engine;
using MtvConsole.E2E.Tests;

namespace MtvConsole.Bench.Browser;

/// <summary>
/// The plan page in Chromium with N VMs whose progress changes once per second (a tenth of them every
/// 100 ms, saved and announced on the engine feed as the engine does). Measures the first render (the page's
/// first screen of rows; the table is virtualized, so only the rows in and near its scrolled view exist), the
/// time from scrolling the table to its end to the last VM's row being shown, how late the page's event loop
/// runs (a 50 ms timer's lateness), long tasks, DOM mutations applied per second, and the time from clicking
/// the expand button of a VM (at a random place in the table) to its details being shown.
/// </summary>
internal static class PlanPageBench
{
    private const string Probes = """
        () => {
          window.__lag = []; window.__long = []; window.__mutations = 0; window.__apply = [];
          const probe = () => { const t = performance.now(); setTimeout(() => { window.__lag.push(performance.now() - t - 50); if (!window.__stop) probe(); }, 50); };
          probe();
          new MutationObserver(list => {
            window.__mutations += list.length;
            // Runs at the end of the task that applied the batch: the time since its message arrived is the batch's apply time.
            if (window.__messageAt !== null) { window.__apply.push(performance.now() - window.__messageAt); window.__messageAt = null; }
          })
            .observe(document.querySelector('tr.vm-row').parentElement, { subtree: true, childList: true, characterData: true });
          new PerformanceObserver(list => list.getEntries().forEach(e => window.__long.push(e.duration))).observe({ type: 'longtask' });
        }
        """;

    /// <summary>
    /// Before the page's scripts: notes when each WebSocket message arrives (the circuit's render batches come as such
    /// messages), so the DOM mutations that follow in the same task time the applying of one update batch.
    /// </summary>
    private const string MessageProbe = """
        (() => {
          const Original = window.WebSocket;
          window.__messageAt = null;
          window.WebSocket = class extends Original {
            constructor(...args) { super(...args); this.addEventListener('message', () => { window.__messageAt = performance.now(); }); }
          };
        })();
        """;

    private const string ArmDetails = """
        (vm) => {
          window.__clickAt = null;
          document.addEventListener('click', () => { window.__clickAt = window.__clickAt ?? performance.now(); }, { capture: true, once: true });
          window.__shown = new Promise(resolve => {
            setTimeout(() => resolve(-1), 10000); // the row left the rendered range before its details came
            const done = () => document.querySelector(`.vm-details-pane .vm-details[data-vm='${vm}']`);
            const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(performance.now() - window.__clickAt); } });
            observer.observe(document.body, { subtree: true, childList: true });
          });
        }
        """;

    /// <summary>Scrolls the VM table's own scroll container to a fraction of its height.</summary>
    private const string ScrollTable = """
        (fraction) => {
          const box = document.querySelector('.vm-table .mud-table-container');
          box.scrollTop = fraction * (box.scrollHeight - box.clientHeight);
          window.__range = null; // the rows must settle again
        }
        """;

    /// <summary>Scrolls the VM table to its end; true once the VM's row is there.</summary>
    private const string ScrollToEnd = """
        (vm) => {
          const box = document.querySelector('.vm-table .mud-table-container');
          box.scrollTop = box.scrollHeight;
          return document.querySelector(`tr.vm-row[data-vm='${vm}']`) != null;
        }
        """;

    /// <summary>
    /// The id of a VM row fully inside the table's view, once the rows of the scrolled place exist and have stayed the
    /// same for 250 ms: after a jump Virtualize renders the place in a few passes as it measures, as a user sees a
    /// scrolled list settle before clicking in it.
    /// </summary>
    private const string InView = """
        () => {
          const box = document.querySelector('.vm-table .mud-table-container').getBoundingClientRect();
          const head = document.querySelector('.vm-table thead').getBoundingClientRect();
          const all = [...document.querySelectorAll('tr.vm-row')];
          const range = all.length === 0 ? '' : all[0].dataset.vm + '..' + all[all.length - 1].dataset.vm;
          if (window.__range !== range) { window.__range = range; window.__rangeSince = performance.now(); return null; }
          if (performance.now() - window.__rangeSince < 250) return null;
          const rows = all.filter(r => {
            const b = r.getBoundingClientRect();
            return b.top >= head.bottom && b.bottom <= box.bottom;
          });
          return rows.length === 0 ? null : rows[Math.floor(rows.length / 2)].dataset.vm;
        }
        """;

    /// <summary>Clicks the expand button of the VM's row if the row exists and is not expanded yet; whether it clicked.</summary>
    private const string ExpandDetails = """
        (vm) => {
          const button = document.querySelector(`tr.vm-row[data-vm='${vm}'] button[aria-label^='Details of '][aria-expanded='false']`);
          button?.click();
          return button != null;
        }
        """;

    /// <summary>Closes the VM's details again with the pane's close button (the row may have scrolled out of the rendered range).</summary>
    private const string CollapseDetails = """
        (vm) => document.querySelector(`.vm-details-pane .vm-details[data-vm='${vm}'] button[aria-label^='Close details of ']`)?.click()
        """;

    public static async Task<int> RunAsync(int vmCount, int seconds)
    {
        await using var server = new ConsoleServer(new Dictionary<string, string>
        {
            ["Engine:TickSeconds"] = "60", // the engine leaves the seeded run alone for the bench's duration
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var plan = await BenchPlanSeed.SeedAsync(server.Services, vmCount);
        var store = server.Services.GetRequiredService<IMigrationStore>();
        var feed = server.Services.GetRequiredService<EngineEventFeed>();
        var run = (await store.GetRunsAsync(plan.Id)).Single();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await MtvConsole.E2E.Tests.Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { BaseURL = server.Url, ViewportSize = new() { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(120_000);
        await page.AddInitScriptAsync(MessageProbe);
        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(ConsoleServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        var firstRender = Stopwatch.StartNew();
        await page.GotoAsync($"/plans/{plan.Name}");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('tr.vm-row').length > 0");
        var renderMs = firstRender.Elapsed.TotalMilliseconds;
        var rowsInDom = await page.Locator("tr.vm-row").CountAsync();
        var rowHeight = await page.EvaluateAsync<double>("() => document.querySelector('tr.vm-row').getBoundingClientRect().height");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"row height {rowHeight:F1} px"));

        // The rows are ordered by name, which for the seeded VMs is their id.
        var last = run.Vms.Select(v => v.VmId).Max(StringComparer.Ordinal)!;
        var toEnd = Stopwatch.StartNew();
        // As a user would, keep the table scrolled to its end while the rows there render and it learns their heights.
        await page.WaitForFunctionAsync(ScrollToEnd, last, new() { PollingInterval = 50 });
        var toEndMs = toEnd.Elapsed.TotalMilliseconds;
        await page.EvaluateAsync(ScrollTable, 0.0);

        using var stop = new CancellationTokenSource();
        var updates = Task.Run(async () =>
        {
            var slices = run.Vms.Chunk(Math.Max(1, vmCount / 10)).ToList();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            for (var tick = 0; await timer.WaitForNextTickAsync(stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result); tick++)
            {
                await BenchPlanSeed.UpdateAsync(store, feed, run.Id, slices[tick % slices.Count], 1_000 + tick);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(3)); // updates flowing before measuring
        var transferBefore = await page.Locator("tr.vm-row .vm-transfer").First.TextContentAsync();
        await page.EvaluateAsync(Probes);
        var clicks = new List<double>();
        var measured = Stopwatch.StartNew();
        var random = new Random(7);
        var missed = 0;
        var notFound = 0;
        while (measured.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            // Scroll to a random place, let the rows there render and settle, and expand one of those in view. The click
            // is dispatched in the page the moment the row is found.
            await page.EvaluateAsync(ScrollTable, random.NextDouble());
            var vm = await (await page.WaitForFunctionAsync(InView)).JsonValueAsync<string>();
            await page.EvaluateAsync(ArmDetails, vm);
            if (!await page.EvaluateAsync<bool>(ExpandDetails, vm))
            {
                notFound++; // the row left the DOM between finding and clicking it (or is still expanded)
                continue;
            }

            var shown = await page.EvaluateAsync<double>("window.__shown");
            if (shown < 0) missed++;
            else clicks.Add(shown);
            await page.EvaluateAsync(CollapseDetails, vm);
            await Task.Delay(500);
        }

        var elapsed = measured.Elapsed.TotalSeconds;
        var lag = (await page.EvaluateAsync<double[]>("window.__stop = true, window.__lag")).Order().ToArray();
        var longTasks = await page.EvaluateAsync<double[]>("window.__long");
        var mutations = await page.EvaluateAsync<double>("window.__mutations");
        var apply = (await page.EvaluateAsync<double[]>("window.__apply")).Order().ToArray();
        await page.EvaluateAsync(ScrollTable, 0.0);
        await page.Locator("tr.vm-row").First.WaitForAsync();
        var transferAfter = await page.Locator("tr.vm-row .vm-transfer").First.TextContentAsync();
        await stop.CancelAsync();
        await updates;

        double P(double[] v, double q) => v.Length == 0 ? 0 : v[Math.Min(v.Length - 1, (int)(q * v.Length))];
        var clickArray = clicks.Order().ToArray();
        Console.WriteLine("| VMs | first render (ms, rows in the DOM) | scroll to the end → last row (ms) | event-loop lateness p50 / p99 / max (ms) | long tasks (count, max ms) | DOM mutations/s | update batch applied p50 / p99 / max (ms, batches/s) | expand click → details p50 / max (ms, n) | row text changed |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {vmCount:N0} | {renderMs:F0} ({rowsInDom}) | {toEndMs:F0} | {P(lag, 0.5):F0} / {P(lag, 0.99):F0} / {lag.LastOrDefault():F0} | {longTasks.Length}, {(longTasks.Length == 0 ? 0 : longTasks.Max()):F0} | {mutations / elapsed:F0} | {P(apply, 0.5):F1} / {P(apply, 0.99):F1} / {apply.LastOrDefault():F1} ({apply.Length / elapsed:F1}) | {P(clickArray, 0.5):F0} / {clickArray.LastOrDefault():F0} ({clickArray.Length}, {missed} not shown, {notFound} rows gone before the click) | {(transferBefore != transferAfter ? "yes" : "NO")} |"));
        return 0;
    }
}
