using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Data.Accounts;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Components.Pages;
using MudBlazor;

namespace MtvConsole.Web.Tests.Api;

public sealed class MyAccountPageTests : FormFixture
{
    private readonly UserAccount _otto = new() { UserName = "otto", Role = Roles.Operator };

    public MyAccountPageTests()
    {
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, _otto.Id.ToString()));
        using var db = Db();
        db.Users.Add(_otto);
        db.SaveChanges();
    }

    [Fact]
    public async Task A_created_token_is_shown_once_and_afterwards_only_its_prefix_is_listed()
    {
        Render<MudPopoverProvider>();
        var page = Render<MyAccount>();
        page.Find("#token-name").Change("nightly-script");
        await page.Find("#create-token").ClickAsync(new MouseEventArgs());

        var token = page.Find("#new-token-value").GetAttribute("value")!;
        Assert.StartsWith("mtv_", token, StringComparison.Ordinal);
        await using (var db = Db())
        {
            var stored = await db.ApiTokens.SingleAsync();
            Assert.Equal(("nightly-script", ApiTokenService.Hash(token), _otto.Id), (stored.Name, stored.Hash, stored.UserId));
            Assert.Equal(Time.GetUtcNow().AddDays(90), stored.ExpiresAt);
        }
        Assert.Contains(("otto", "create", "api-token/otto/nightly-script"), Audit.Entries.Select(e => (e.User, e.Action, e.Target)));
        Assert.Contains(token[..8] + "…", page.Find("#token-table").TextContent, StringComparison.Ordinal);

        var again = Render<MyAccount>();
        Assert.DoesNotContain(token, again.Markup, StringComparison.Ordinal);
        Assert.Empty(again.FindAll("#new-token"));
        Assert.Contains("nightly-script", again.Find("#token-table").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_a_name_is_refused_with_a_message_and_nothing_is_created()
    {
        Render<MudPopoverProvider>();
        var page = Render<MyAccount>();
        await page.Find("#create-token").ClickAsync(new MouseEventArgs());

        Assert.Contains("Give the token a name", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#new-token"));
        await using var db = Db();
        Assert.False(await db.ApiTokens.AnyAsync());
    }

    [Fact]
    public async Task Revoking_after_confirmation_removes_the_token_and_is_audited()
    {
        await Services.GetRequiredService<ApiTokenService>().CreateAsync(_otto.Id, "old-script", null);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<MyAccount>();

        // The click's handler waits for the confirmation, so it completes only after the dialog is answered.
        var revoke = page.FindAll("#token-table button").Single(b => b.TextContent.Contains("Revoke")).ClickAsync(new MouseEventArgs());
        await dialogs.WaitForElement(".mud-dialog-actions").QuerySelectorAll("button").Single(b => b.TextContent.Contains("Revoke")).ClickAsync(new MouseEventArgs());
        await revoke;

        page.WaitForAssertion(() => Assert.Contains("You have no API tokens.", page.Markup, StringComparison.Ordinal));
        await using var db = Db();
        Assert.False(await db.ApiTokens.AnyAsync());
        Assert.Contains(("otto", "delete", "api-token/otto/old-script", "revoked"), Audit.Entries);
    }
}
