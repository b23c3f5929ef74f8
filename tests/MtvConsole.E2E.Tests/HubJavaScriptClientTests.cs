using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MtvConsole.Core.Engine;
using MtvConsole.Data;
using MtvConsole.Web.Auth;

namespace MtvConsole.E2E.Tests;

/// <summary>
/// The migrations hub from browser JavaScript (<c>/js/migrations-hub.js</c> over the vendored SignalR client) in
/// Chromium: a signed-in page watches a running plan, loses the network, and after it comes back is subscribed
/// again and gets a fresh snapshot; a page without a session watches with a personal API token.
/// </summary>
public sealed class HubJavaScriptClientTests : IAsyncLifetime
{
    private const string Plan = "js-warm";

    private readonly ConsoleServer _server = new(DashboardTests.FastLab, new AcceleratedTime(60));
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
        await DashboardSeed.SeedAsync(_server, Plan, "app-hr-02", "js-cold", ["ci-02"]);
        var started = await _server.Services.GetRequiredService<MigrationCommands>().StartAsync(Plan, "admin");
        Assert.True(started.Succeeded, started.Problem);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>Loads the client on a console page and starts watching; events land in <c>window.hubEvents</c>.</summary>
    private static async Task WatchAsync(IPage page, string? token)
    {
        await page.AddScriptTagAsync(new() { Url = "/lib/signalr/signalr.min.js" });
        await page.AddScriptTagAsync(new() { Url = "/js/migrations-hub.js" });
        await page.EvaluateAsync("""
            token => {
                window.hubEvents = [];
                const push = (kind, value) => window.hubEvents.push({ kind, value });
                window.hubWatch = MtvMigrations.watch({
                    plan: "js-warm",
                    accessToken: token || undefined,
                    onSnapshot: plans => push("snapshot", plans[0].status.status),
                    onProgress: batch => push("progress", batch.plan),
                    onState: state => push("state", state),
                });
            }
            """, token);
    }

    private static async Task<List<(string Kind, string Value)>> EventsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("JSON.stringify(window.hubEvents)");
        return JsonSerializer.Deserialize<List<JsonElement>>(json)!
            .Select(e => (e.GetProperty("kind").GetString()!, e.GetProperty("value").GetString()!)).ToList();
    }

    private static Task WaitForAsync(IPage page, string kind, int count) =>
        page.WaitForFunctionAsync($"window.hubEvents.filter(e => e.kind === '{kind}').length >= {count}", null, new() { Timeout = 30_000 });

    [Fact]
    public async Task A_page_watching_a_plan_gets_a_snapshot_then_changes_and_after_losing_the_network_a_fresh_snapshot()
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = _server.Url });
        var page = await context.NewPageAsync();
        // The hub's WebSockets pass through Playwright, which can cut one as a broken network would.
        var sockets = new List<IWebSocketRoute>();
        await page.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/hubs/migrations"), ws =>
        {
            lock (sockets) sockets.Add(ws);
            ws.ConnectToServer();
        });
        await page.GotoAsync("/signin");
        await Ui.SignInAsync(page, "admin", ConsoleServer.AdminPassword);

        await WatchAsync(page, token: null);
        await WaitForAsync(page, "snapshot", 1);
        await WaitForAsync(page, "progress", 1);
        var first = await EventsAsync(page);
        var opening = first.First(e => e.Kind != "state"); // the snapshot comes before any change
        Assert.Equal("snapshot", opening.Kind);
        Assert.Contains(opening.Value, new[] { "Running", "Waiting for cutover" }); // the run is under way (time runs 60× here)

        IWebSocketRoute live;
        lock (sockets) live = sockets[^1];
        await live.CloseAsync(new() { Code = 1011, Reason = "network lost" });
        await page.WaitForFunctionAsync("window.hubEvents.some(e => e.value === 'reconnecting')", null, new() { Timeout = 30_000 });
        await WaitForAsync(page, "snapshot", 2);

        var events = await EventsAsync(page);
        var reconnecting = events.FindIndex(e => e.Value == "reconnecting");
        var again = events.FindIndex(reconnecting, e => e == ("state", "connected"));
        Assert.True(again > reconnecting, string.Join(", ", events));
        Assert.Contains(events.Skip(again), e => e.Kind == "snapshot"); // the plan's state now (its run has moved on meanwhile)
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_page_without_a_session_watches_with_an_api_token_and_is_refused_without_one()
    {
        Guid admin;
        await using (var db = await _server.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync())
            admin = (await db.Users.SingleAsync(u => u.UserName == "admin")).Id;
        var (created, problem) = await _server.Services.GetRequiredService<ApiTokenService>().CreateAsync(admin, "wallboard", null);
        Assert.Null(problem);

        var context = await _browser.NewContextAsync(new() { BaseURL = _server.Url });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin"); // a page of the console's origin, not signed in

        await WatchAsync(page, created!.Token);
        await WaitForAsync(page, "snapshot", 1);

        var refused = await page.EvaluateAsync<string>("""
            () => window.hubWatch.stop().then(() => MtvMigrations.watch({ plan: "js-warm" }).started.then(() => "connected", e => String(e)))
            """);
        Assert.Contains("401", refused, StringComparison.Ordinal);
        await context.CloseAsync();
    }
}
