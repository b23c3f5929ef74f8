using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MtvConsole.E2E.Tests;

public sealed class MapAndWizardTests : BrowserTest
{

    [Fact]
    public async Task A_map_to_a_missing_nad_says_so_then_an_existing_nad_makes_it_ready_and_the_wizard_creates_a_ready_plan()
    {
        var page = await BrowserInstance.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.Url, ViewportSize = new() { Width = 1600, Height = 1000 } });
        await page.GotoAsync("/signin");
        await Ui.SignInAsync(page, "admin", ConsoleServer.AdminPassword);

        // A network map pointing at a NetworkAttachmentDefinition that does not exist.
        await page.GotoAsync("/network-maps/new");
        await Ui.WaitInteractiveAsync(page);
        await page.Locator("#map-name").FillAsync("prod-net");
        var row = page.Locator(".network-row").First;
        await Ui.PickFirstAsync(page, row.Locator(".row-source"));
        await Ui.PickAsync(page, row.Locator(".row-destination"), "NetworkAttachmentDefinition");
        await row.Locator(".row-nad input").FillAsync("vm-imports/does-not-exist");
        await page.Locator("#map-name").ClickAsync();
        await page.Locator("#save-map").ClickAsync();

        var notFound = page.Locator("[data-condition='DestinationNetworkNotValid']");
        await Expect(notFound).ToContainTextAsync("Destination network not found");
        await Expect(notFound).ToContainTextAsync("vm-imports/does-not-exist");

        // Pick an existing one: the map becomes Ready.
        var nad = page.Locator(".network-row").First.Locator(".row-nad input");
        await nad.FillAsync("vm-imports/prod-vlan-110");
        await page.Locator("#map-name").ClickAsync();
        await page.Locator("#save-map").ClickAsync();
        await Expect(page.Locator("[data-condition='Ready']")).ToContainTextAsync("The network map is ready.");
        await Expect(page.Locator("[data-condition='DestinationNetworkNotValid']")).ToHaveCountAsync(0);

        // The create-plan wizard.
        await page.GotoAsync("/plans/new");
        await Ui.WaitInteractiveAsync(page);
        await page.Locator("#plan-name").FillAsync("wave-1");
        await page.Locator("#plan-namespace").FillAsync("prod-apps");
        await page.Locator("#plan-description").ClickAsync();
        await page.Locator(".mud-stepper-button-next").ClickAsync();

        await page.Locator("#vm-filter-name").FillAsync("app-");
        // The filter applies once typing pauses: the Lab's 60 VMs narrow to the app- ones.
        await Expect(page.Locator("#vm-selection-count")).ToHaveTextAsync(new Regex(@"^0 selected · ([1-9]|[1-5]\d) matching$"));
        await page.Locator("#select-all-matching").ClickAsync();
        await Expect(page.Locator("#vm-selection-count")).ToHaveTextAsync(new Regex(@"^([1-9]\d*) selected · \1 matching$"));

        // Some of them have critical concerns: the wizard asks before going on; go back and choose others.
        await page.Locator(".mud-stepper-button-next").ClickAsync();
        await Expect(page.GetByText("Confirm selections with critical issues")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear selection" }).ClickAsync();
        await page.Locator("#vm-filter-name").FillAsync("app-hr");
        await Expect(page.Locator("#vm-selection-count")).ToHaveTextAsync("0 selected · 2 matching");
        await page.Locator("#select-all-matching").ClickAsync();
        await Expect(page.Locator("#vm-selection-count")).ToHaveTextAsync("2 selected · 2 matching");
        await page.Locator(".mud-stepper-button-next").ClickAsync();
        await Expect(page.Locator(".wizard-network-row").First).ToBeVisibleAsync();

        // One step at a time: a click while the stepper still renders the previous step would be lost.
        foreach (var step in new[] { "Storage map", "Type", "Migration network", "Hooks", "Review" })
        {
            await page.Locator(".mud-stepper-button-next").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Tabpanel)).ToHaveAccessibleNameAsync(new Regex($"{step}$"));
        }

        await Expect(page.Locator("#review-name")).ToHaveTextAsync("wave-1");
        await Expect(page.Locator("#review-vms")).ToHaveTextAsync(new Regex(@"^2: app-hr-01, app-hr-02"));
        await page.Locator("#create-plan").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/plans$"));
        await Expect(page.Locator("[data-plan-status]").First).ToHaveTextAsync("Ready");

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "plans.png"), FullPage = true });
    }
}
