using System.Globalization;
using Microsoft.Playwright;
using MtvConsole.E2E.Tests;

namespace MtvConsole.Bench.Browser;

/// <summary>
/// The wizard's VM step in Chromium: time from a filter change (the click on a power-state option, or the
/// last keystroke in the name filter) until the VM count and table show the new result, measured in the
/// page with performance.now() and a MutationObserver.
/// </summary>
internal static class WizardFilterBench
{
    public const int NameDebounceMs = 150; // the VM step's text filters (WizardVmStep.razor DebounceInterval)

    public static async Task<(Percentiles Select, Percentiles Name)> RunAsync(IPage page, int runs)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(ConsoleServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GotoAsync("/plans/new");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("#plan-name").FillAsync("bench");
        await page.Locator("#plan-namespace").FillAsync("bench");
        await page.Locator(".mud-stepper-button-next").ClickAsync();
        await page.Locator("#vm-selection-count").WaitForAsync();

        var select = new List<double>();
        var name = new List<double>();
        string[] powers = ["Powered off", "Powered on"];
        for (var i = 0; i < runs + 2; i++)
        {
            var s = await SelectPowerAsync(page, powers[i % 2]);
            var n = await TypeNameAsync(page, i % 2 == 0 ? "app-" : "db-");
            if (i < 2) continue; // warm-up
            select.Add(s);
            name.Add(n);
        }

        return (Percentiles.Of(select), Percentiles.Of(name));
    }

    /// <summary>Arms a watch on the count line; resolves with the ms between the change event and the update.</summary>
    private const string Arm = """
        (eventName) => {
          const el = document.querySelector('#vm-selection-count');
          const before = el.textContent;
          window.__benchStart = null;
          document.addEventListener(eventName, () => { window.__benchStart = performance.now(); }, { capture: true });
          window.__benchDone = new Promise(resolve => {
            const observer = new MutationObserver(() => {
              if (el.textContent !== before && window.__benchStart !== null) {
                observer.disconnect();
                resolve(performance.now() - window.__benchStart);
              }
            });
            observer.observe(el, { childList: true, subtree: true, characterData: true });
          });
        }
        """;

    private static async Task<double> SelectPowerAsync(IPage page, string option)
    {
        await page.Locator(".mud-select").Filter(new() { HasText = "Power" }).First.ClickAsync();
        await page.EvaluateAsync(Arm, "click");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        return await page.EvaluateAsync<double>("window.__benchDone");
    }

    private static async Task<double> TypeNameAsync(IPage page, string text)
    {
        var field = page.Locator("#vm-filter-name");
        await field.FillAsync("");
        await page.Locator("#vm-selection-count").WaitForAsync();
        await Task.Delay(NameDebounceMs * 2); // let the clearing settle, as a person pausing would
        await page.EvaluateAsync(Arm, "input");
        await field.PressSequentiallyAsync(text);
        return await page.EvaluateAsync<double>("window.__benchDone");
    }
}

internal sealed record Percentiles(double P50, double P95)
{
    public static Percentiles Of(List<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Percentiles(At(0.5), At(0.95));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{P50:F0}/{P95:F0}");
}
