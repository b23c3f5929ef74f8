using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MtvConsole.E2E.Tests;

/// <summary>What a person does with the console's controls, in Playwright terms.</summary>
public static class Ui
{
    /// <summary>Fills the sign-in form on the current page and waits until the circuit is interactive.</summary>
    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitInteractiveAsync(page);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Opens a MudSelect and picks the option with that exact text.</summary>
    public static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{System.Text.RegularExpressions.Regex.Escape(option)}\\s*$") });
        await item.First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Opens a MudSelect and picks its first option.</summary>
    public static async Task PickFirstAsync(IPage page, ILocator select)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
