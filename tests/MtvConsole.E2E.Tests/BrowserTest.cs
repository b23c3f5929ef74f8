using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MtvConsole.E2E.Tests;

/// <summary>A console on its own port and data folder, and headless Chromium, for one test class instance.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected ConsoleServer Server { get; } = new();
    protected IBrowser BrowserInstance { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        BrowserInstance = await Browser.LaunchAsync(_playwright);
        SetDefaultExpectTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        await BrowserInstance.DisposeAsync();
        _playwright.Dispose();
        await Server.DisposeAsync();
    }
}
