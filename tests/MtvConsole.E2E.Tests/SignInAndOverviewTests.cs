using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MtvConsole.E2E.Tests;

public sealed class SignInAndOverviewTests : BrowserTest
{

    [Fact]
    public async Task An_admin_signs_in_and_sees_both_lab_providers_with_their_counts()
    {
        var page = await BrowserInstance.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.Url });

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await Ui.SignInAsync(page, "admin", ConsoleServer.AdminPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        var vcenter = page.Locator("[data-provider='lab-vcenter']");
        await Expect(vcenter.Locator("[data-count='vms']")).ToHaveTextAsync("60");
        await Expect(vcenter.Locator("[data-count='hosts']")).ToHaveTextAsync(new Regex(@"^\d+$"));
        await Expect(vcenter.Locator("[data-count='networks']")).ToHaveTextAsync(new Regex(@"^\d+$"));
        await Expect(vcenter.Locator("[data-count='datastores']")).ToHaveTextAsync(new Regex(@"^\d+$"));
        await Expect(vcenter.Locator("[data-phase]")).ToHaveTextAsync("Ready");

        var cluster = page.Locator("[data-provider='host']");
        await Expect(cluster.Locator("[data-count='networks']")).ToHaveTextAsync(new Regex(@"^\d+$"));
        await Expect(cluster.Locator("[data-count='datastores']")).ToHaveTextAsync(new Regex(@"^\d+$"));
        await Expect(cluster.Locator("[data-phase]")).ToHaveTextAsync("Ready");

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "overview.png"), FullPage = true });
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_message_and_stays_on_sign_in()
    {
        var page = await BrowserInstance.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.Url });

        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
    }
}
