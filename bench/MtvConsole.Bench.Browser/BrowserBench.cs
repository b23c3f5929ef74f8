using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using MtvConsole.E2E.Tests;

namespace MtvConsole.Bench.Browser;

/// <summary>
/// Runs a browser benchmark against the console on the Lab and prints a Markdown table row.
/// Usage: <c>dotnet run -c Release --project bench/MtvConsole.Bench.Browser -- [wizard-filter [vmCount] [runs] | plan-page [vmCount] [seconds]]</c>.
/// </summary>
internal static class BrowserBench
{
    public static async Task<int> Main(string[] args)
    {
        var what = args.Length > 0 ? args[0] : "wizard-filter";
        var vmCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        if (what == "plan-page")
        {
            // `plan-page [VMs] [seconds]`: the plan page with N VMs updating once per second.
            return await PlanPageBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20);
        }

        if (what != "wizard-filter")
        {
            await Console.Error.WriteLineAsync($"Unknown benchmark '{what}'. Known: wizard-filter, plan-page.");
            return 2;
        }

        var started = Stopwatch.StartNew();
        await using var server = new ConsoleServer(new Dictionary<string, string> { ["Lab:VmCount"] = vmCount.ToString(CultureInfo.InvariantCulture) });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await MtvConsole.E2E.Tests.Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { BaseURL = server.Url });
        await Console.Error.WriteLineAsync($"console with {vmCount} Lab VMs and Chromium ready in {started.Elapsed.TotalSeconds:F1} s");

        var (select, name) = await WizardFilterBench.RunAsync(page, runs);
        Console.WriteLine($"| VMs | runs | power filter → table updated p50 / p95 (ms) | name typed → table updated p50 / p95 (ms, incl. {WizardFilterBench.NameDebounceMs} ms debounce) |");
        Console.WriteLine("|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {vmCount:N0} | {runs} | {select.P50:F0} / {select.P95:F0} | {name.P50:F0} / {name.P95:F0} |"));
        return 0;
    }
}
