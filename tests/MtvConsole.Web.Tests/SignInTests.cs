using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Data;

namespace MtvConsole.Web.Tests;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/providers")]
    [InlineData("/audit")]
    public async Task An_anonymous_page_request_goes_to_sign_in(string path)
    {
        var response = await _factory.Browser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/signin?ReturnUrl=", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("/api/v1/providers")]
    [InlineData("/api/v1/audit")]
    public async Task An_anonymous_api_request_is_unauthorized(string path)
    {
        var response = await _factory.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_has_labelled_fields()
    {
        var page = await _factory.Browser().GetStringAsync("/signin");

        Assert.Contains("<label for=\"userName\">User name</label>", page);
        Assert.Contains("<label for=\"password\">Password</label>", page);
        Assert.Contains("id=\"userName\"", page);
        Assert.Contains("type=\"password\"", page);
    }

    [Fact]
    public async Task A_wrong_password_fails_and_creates_no_session()
    {
        var client = _factory.Browser();

        var response = await ConsoleFactory.SignInAsync(client, "admin", "not-the-password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin?error=invalid", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("mtv.session"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/providers")).StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location.OriginalString);
        Assert.Contains("Wrong user name or password.", page);
    }

    [Fact]
    public async Task The_admin_signs_in_and_goes_back_where_they_were_going()
    {
        var client = _factory.Browser();

        var response = await ConsoleFactory.SignInAsync(client, "admin", ConsoleFactory.AdminPassword, "/plans");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/plans", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/providers")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example.com/")]
    [InlineData("https://evil.example.com/")]
    [InlineData("/\\evil.example.com")]
    public async Task A_return_url_to_another_site_is_replaced_by_the_overview(string returnUrl)
    {
        var response = await ConsoleFactory.SignInAsync(_factory.Browser(), "admin", ConsoleFactory.AdminPassword, returnUrl);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_until_the_lockout_ends()
    {
        await _factory.CreateUserAsync("ops", "operator-password-1", "operator");
        var client = _factory.Browser();
        for (var i = 0; i < 4; i++)
            Assert.StartsWith("/signin?error=invalid", (await ConsoleFactory.SignInAsync(client, "ops", "wrong")).Headers.Location!.OriginalString);

        var fifth = await ConsoleFactory.SignInAsync(client, "ops", "wrong");
        Assert.StartsWith("/signin?error=locked", fifth.Headers.Location!.OriginalString);

        var correctWhileLocked = await ConsoleFactory.SignInAsync(client, "ops", "operator-password-1");
        Assert.StartsWith("/signin?error=locked", correctWhileLocked.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/providers")).StatusCode);

        _factory.Time.Advance(TimeSpan.FromMinutes(15));
        var afterLockout = await ConsoleFactory.SignInAsync(client, "ops", "operator-password-1");
        Assert.Equal("/", afterLockout.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_and_failures_are_audited()
    {
        await ConsoleFactory.SignInAsync(_factory.Browser(), "admin", "wrong-password");
        await _factory.SignedInAsync("admin", ConsoleFactory.AdminPassword);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        var entries = await db.Audit.Where(a => a.User == "admin").OrderBy(a => a.Id).ToListAsync();
        Assert.Contains(entries, a => a.Action == "sign-in-failed" && !a.Succeeded && a.Details == "wrong password");
        Assert.Contains(entries, a => a.Action == "sign-in" && a.Succeeded);
    }

    [Fact]
    public async Task A_session_ends_when_its_password_is_reset()
    {
        await _factory.CreateUserAsync("eve", "viewer-password-1", "viewer");
        var client = await _factory.SignedInAsync("eve", "viewer-password-1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/providers")).StatusCode);

        var accounts = _factory.Services.GetRequiredService<Auth.AccountService>();
        var eve = (await accounts.ListAsync()).Single(u => u.UserName == "eve");
        Assert.Null(await accounts.ResetPasswordAsync("admin", eve.Id, "another-password-2"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/providers")).StatusCode);
    }

    [Fact]
    public async Task Health_is_reported_without_signing_in()
    {
        var response = await _factory.Browser().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
