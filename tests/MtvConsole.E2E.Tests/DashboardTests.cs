using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MtvConsole.E2E.Tests;

/// <summary>
/// The live plan page in Chromium. The server's clock runs 60 times faster (timers included) with quick Lab
/// timings, so a one-minute precopy interval passes in one second.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    internal static readonly IReadOnlyDictionary<string, string> FastLab = new Dictionary<string, string>()
    {
        ["Engine:TickSeconds"] = "2",
        ["Lab:GuestShutdownSeconds"] = "4",
        ["Lab:SnapshotCreateSeconds"] = "2",
        ["Lab:SnapshotRemoveSeconds"] = "2",
        ["Lab:DataVolumePendingSeconds"] = "1",
        ["Lab:DataVolumeScheduledSeconds"] = "1",
        ["Lab:ConversionPodPendingSeconds"] = "1",
        ["Lab:ConversionBaseSecondsLinux"] = "10",
        ["Lab:ConversionBaseSecondsWindows"] = "20",
    };

    private readonly ConsoleServer _server = new(FastLab, new AcceleratedTime(60));
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
        SetDefaultExpectTimeout(30_000);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Warm_plan_shows_precopies_then_succeeds_after_cutover_and_a_canceled_vm_alone_runs_again_on_restart()
    {
        var (warm, cold) = await DashboardSeed.SeedAsync(_server, "e2e-warm", "app-hr-02", "e2e-cold", ["app-hr-01", "ci-02", "db-dev-02"]);
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = _server.Url, ViewportSize = new() { Width = 1600, Height = 1000 } });
        await page.GotoAsync("/signin");
        await Ui.SignInAsync(page, "admin", ConsoleServer.AdminPassword);

        // Warm: start from the plan's page, watch two precopies, cut over now, see Succeeded.
        await page.GotoAsync("/plans");
        await Ui.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "e2e-warm" }).ClickAsync();
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("Ready");
        await page.Locator("#start-plan").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        var warmRow = page.Locator($"tr.vm-row[data-vm='{warm.Id}']");
        await Expect(warmRow).ToBeVisibleAsync();
        await warmRow.GetByRole(AriaRole.Button, new() { Name = $"Details of {warm.Name}" }).ClickAsync();
        var precopies = page.Locator($".precopy-table[data-vm='{warm.Id}'] tr.precopy-row[data-state='Succeeded']");
        await Expect(precopies).ToHaveCountAsync(2, new() { Timeout = 45_000 });
        await Expect(warmRow).ToHaveAttributeAsync("data-status", "Waiting for cutover");
        await page.Locator("#schedule-cutover").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Set cutover" }).ClickAsync();
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Succeeded|Failed)$"), new() { Timeout = 45_000 });
        Assert.True(await warmRow.GetAttributeAsync("data-status") == "Succeeded", await page.Locator(".vm-table").InnerTextAsync());

        // Cold: cancel the VM with the largest disks (130 GiB) during its disk transfer; the others finish.
        await page.GotoAsync("/plans/e2e-cold");
        await Ui.WaitInteractiveAsync(page);
        await page.Locator("#start-plan").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        var target = page.Locator($"tr.vm-row[data-vm='{cold[0].Id}']");
        await Expect(target.Locator(".vm-status")).ToContainTextAsync("Disk transfer", new() { Timeout = 45_000 });
        await target.Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("#cancel-vms").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel VMs" }).ClickAsync();
        await Expect(target).ToHaveAttributeAsync("data-status", "Canceled");
        foreach (var vm in cold.Skip(1))
        {
            await Expect(page.Locator($"tr.vm-row[data-vm='{vm.Id}']")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 60_000 });
        }

        await Expect(page.Locator("#restart-plan")).ToBeEnabledAsync();

        // Restart: the preview names only the canceled VM, and only it runs again.
        await page.Locator("#restart-plan").ClickAsync();
        var again = page.Locator(".mud-dialog table.restart-again tbody tr, .mud-dialog .restart-again tbody tr");
        await Expect(again).ToHaveCountAsync(1);
        await Expect(again.First).ToHaveAttributeAsync("data-vm", cold[0].Id);
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Restart" }).ClickAsync();
        await Expect(target).Not.ToHaveAttributeAsync("data-status", "Canceled");
        await Expect(page.Locator(".run-history tbody tr")).ToHaveCountAsync(2);
        foreach (var vm in cold.Skip(1))
        {
            await Expect(page.Locator($"tr.vm-row[data-vm='{vm.Id}']")).ToHaveAttributeAsync("data-status", "Succeeded");
        }

        await Expect(target).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 60_000 });
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("Succeeded");
    }
}
