using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MtvConsole.E2E.Tests;

/// <summary>The plan page's "Target objects" tab in Chromium: deep link, copy, download, and the tab kept in the URL.</summary>
public sealed class PlanPageTests : BrowserTest
{
    [Fact]
    public async Task A_target_objects_link_opens_the_tab_on_its_vm_whose_yaml_copies_and_downloads_and_a_reload_keeps_tab_and_vm()
    {
        var (_, cold) = await DashboardSeed.SeedAsync(Server, "e2e-warm", "app-hr-02", "e2e-cold", ["app-hr-01", "ci-02", "db-dev-02"]);
        var vm = cold[1];
        await using var context = await BrowserInstance.NewContextAsync(new() { BaseURL = Server.Url, ViewportSize = new() { Width = 1600, Height = 1000 } });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Server.Url });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await Ui.SignInAsync(page, "admin", ConsoleServer.AdminPassword);

        await page.GotoAsync($"/plans/e2e-cold/target-objects?vm={vm.Id}");
        await Ui.WaitInteractiveAsync(page);
        await Expect(page.Locator(".mud-tab.mud-tab-active")).ToHaveTextAsync("Target objects");
        await Expect(page.Locator("#target-objects")).ToHaveAttributeAsync("data-vm", vm.Id);
        var secret = page.Locator(".target-object").First;
        await Expect(secret).ToHaveAttributeAsync("data-object", new Regex("^Secret "));
        var yaml = await secret.Locator(".target-object-yaml").TextContentAsync();
        Assert.Contains("secretKey: <redacted>", yaml, StringComparison.Ordinal);

        await secret.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Copy Secret ") }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Copied the YAML of Secret");
        Assert.Equal(yaml, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-vm").ClickAsync());
        Assert.Equal($"e2e-cold-{vm.Name}-target-objects.yaml", download.SuggestedFilename);
        var file = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith($"---\n# {vm.Name} ({vm.Id}): Secret", file, StringComparison.Ordinal);
        Assert.DoesNotContain($"# {cold[0].Name} ({cold[0].Id})", file, StringComparison.Ordinal);

        await page.Locator(".mud-tab", new() { HasText = "Virtual machines" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/plans/e2e-cold$"));
        await Expect(page.Locator(".vm-table")).ToBeVisibleAsync();
        await page.Locator(".mud-tab", new() { HasText = "Target objects" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/plans/e2e-cold/target-objects\\?vm={Regex.Escape(vm.Id)}$"));

        await page.ReloadAsync();
        await Ui.WaitInteractiveAsync(page);
        await Expect(page.Locator(".mud-tab.mud-tab-active")).ToHaveTextAsync("Target objects");
        await Expect(page.Locator("#target-objects")).ToHaveAttributeAsync("data-vm", vm.Id);
    }
}
