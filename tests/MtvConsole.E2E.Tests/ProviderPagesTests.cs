using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Auth;
using static Microsoft.Playwright.Assertions;

namespace MtvConsole.E2E.Tests;

public sealed class ProviderPagesTests : BrowserTest
{

    private async Task<IPage> SignedInAsync(string user = "admin", string password = ConsoleServer.AdminPassword)
    {
        var page = await BrowserInstance.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.Url });
        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    [Fact]
    public async Task An_admin_adds_a_vsphere_provider_after_fixing_the_url_and_sees_its_conditions()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/providers");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("#add-vsphere").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a vSphere provider" })).ToBeVisibleAsync();

        await page.Locator("#field-name input").FillAsync("prod-vc");
        await page.Locator("#field-url input").FillAsync("http://vcenter.example.com");
        await page.Locator("#field-user input").FocusAsync();
        await Expect(page.Locator("#field-url")).ToContainTextAsync("Only https URLs are allowed");

        await page.Locator("#field-url input").FillAsync("https://vcenter.example.com");
        await page.Locator("#field-user input").FocusAsync();
        await Expect(page.Locator("#sdk-note")).ToBeVisibleAsync();
        await Expect(page.Locator("#field-url input")).ToHaveValueAsync("https://vcenter.example.com/sdk");
        await page.Locator("#field-user input").FillAsync("administrator@vsphere.local");
        await page.Locator("#field-password input").FillAsync("Vc-Passw0rd");
        await page.Locator("#skip-verification input").CheckAsync();
        await Expect(page.Locator("#skip-warning")).ToContainTextAsync("man-in-the-middle");
        await page.Locator("#save-provider").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/providers/prod-vc$"));
        await Expect(page.Locator("#secret-state")).ToHaveTextAsync("password, user: set");
        await Expect(page.Locator(".condition-table")).ToContainTextAsync("ConnectionTestFailed");
        // The vSphere adapter tried the (unresolvable) vCenter and says so.
        await Expect(page.Locator(".condition-table")).ToContainTextAsync("vcenter.example.com");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Vc-Passw0rd");
        await SaveScreenshotAsync(page, "provider-details.png");
    }

    [Fact]
    public async Task An_admin_sets_the_migration_network_of_every_lab_host_and_they_become_ready()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/providers/lab-vcenter/hosts");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator(".host-table")).ToContainTextAsync("10 Gbps");

        await page.GetByLabel("Select every host").CheckAsync();
        await page.Locator("#field-esxi-password input").FillAsync("Esxi-Passw0rd");
        await page.Locator("#save-hosts").ClickAsync();

        await Expect(page.Locator(".host-status").First).ToContainTextAsync("Ready");
        await Expect(page.Locator(".host-status", new() { HasText = "Not ready" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".current-network").First).ToContainTextAsync("vmk1");
        await SaveScreenshotAsync(page, "host-networks.png");
    }

    [Fact]
    public async Task Deleting_a_provider_that_a_map_uses_is_refused_naming_the_map()
    {
        var dbFactory = Server.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var source = await db.Providers.SingleAsync(p => p.Name == "lab-vcenter");
            var destination = await db.Providers.SingleAsync(p => p.Name == "host");
            db.NetworkMaps.Add(new NetworkMap { Name = "lab-networks", SourceProviderId = source.Id, DestinationProviderId = destination.Id });
            await db.SaveChangesAsync();
        }
        var page = await SignedInAsync();
        await page.GotoAsync("/providers");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByLabel("Delete lab-vcenter").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Expect(page.Locator("#delete-refusal")).ToContainTextAsync("Provider 'lab-vcenter' is used by network map 'lab-networks'");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "lab-vcenter", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_viewer_sees_providers_and_hosts_read_only()
    {
        Assert.Null(await Server.Services.GetRequiredService<AccountService>().CreateAsync("admin", "vera", "viewer-password-1", "viewer"));
        var page = await SignedInAsync("vera", "viewer-password-1");

        await page.GotoAsync("/providers");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "lab-vcenter", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#add-vsphere")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Delete lab-vcenter")).ToHaveCountAsync(0);

        await page.GotoAsync("/providers/lab-vcenter/hosts");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator(".host-table")).ToContainTextAsync("10 Gbps");
        await Expect(page.Locator("#host-editor")).ToHaveCountAsync(0);

        await page.GotoAsync("/providers/lab-vcenter/edit");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByText("Your role does not allow this page.")).ToBeVisibleAsync();
        await Expect(page.Locator("#vsphere-provider-form")).ToHaveCountAsync(0);
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, name), FullPage = true });
    }
}
