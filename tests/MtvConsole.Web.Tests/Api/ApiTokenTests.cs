using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Data;
using MtvConsole.Web.Auth;

namespace MtvConsole.Web.Tests.Api;

public sealed class ApiTokenTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateUserAsync("vera", "viewer-password-1", "viewer");
        await _factory.CreateUserAsync("otto", "operator-password-1", "operator");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private ApiTokenService Tokens => _factory.Services.GetRequiredService<ApiTokenService>();

    private MtvDbContext Db() => _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContext();

    [Fact]
    public async Task A_token_is_stored_only_as_a_hash_and_authenticates_as_its_owner_with_the_owners_role()
    {
        var token = await ApiSession.TokenForAsync(_factory, "otto", "nightly");

        Assert.StartsWith("mtv_", token, StringComparison.Ordinal);
        await using (var db = Db())
        {
            var stored = await db.ApiTokens.SingleAsync();
            Assert.Equal(ApiTokenService.Hash(token), stored.Hash);
            Assert.DoesNotContain(token, $"{stored.Name} {stored.Prefix} {stored.Hash}", StringComparison.Ordinal);
            Assert.Null(stored.LastUsedAt);
        }

        var me = await ApiSession.Bearer(_factory, token).GetJsonAsync("/api/v1/me");
        Assert.Equal(("otto", "operator", "token"), (me.GetProperty("userName").GetString(), me.GetProperty("role").GetString(), me.GetProperty("authenticatedWith").GetString()));
        await using (var db = Db()) Assert.Equal(_factory.Time.GetUtcNow(), (await db.ApiTokens.SingleAsync()).LastUsedAt);
        var listed = await ApiSession.Bearer(_factory, token).GetStringAsync("/api/v1/me/tokens");
        Assert.Contains("\"name\":\"nightly\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_without_credentials_or_with_an_unknown_token_get_401()
    {
        var anonymous = _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/plans")).StatusCode);
        var forged = await ApiSession.Bearer(_factory, "mtv_not-a-token-anyone-was-given").GetAsync("/api/v1/plans");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.StartsWith("Bearer", forged.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_gets_401_and_creation_and_revocation_are_audited()
    {
        var token = await ApiSession.TokenForAsync(_factory, "otto", "ci");
        var api = ApiSession.Bearer(_factory, token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/providers")).StatusCode);

        var id = (await api.GetJsonAsync("/api/v1/me/tokens"))[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/me/tokens/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/providers")).StatusCode);
        var audit = await (await _factory.SignedInAsync("admin", ConsoleFactory.AdminPassword)).GetStringAsync("/api/v1/audit");
        Assert.Contains("\"user\":\"otto\",\"action\":\"create\",\"target\":\"api-token/otto/ci\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"user\":\"otto\",\"action\":\"delete\",\"target\":\"api-token/otto/ci\",\"details\":\"revoked\"", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(token, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_cannot_revoke_someone_elses_token()
    {
        var ottos = await ApiSession.TokenForAsync(_factory, "otto", "ci");
        var veras = ApiSession.Bearer(_factory, await ApiSession.TokenForAsync(_factory, "vera", "reports"));
        Guid ottoTokenId;
        await using (var db = Db()) ottoTokenId = (await db.ApiTokens.SingleAsync(t => t.Name == "ci")).Id;

        await (await veras.DeleteAsync($"/api/v1/me/tokens/{ottoTokenId}")).AssertProblemAsync(404, "no such token");
        Assert.Equal(HttpStatusCode.OK, (await ApiSession.Bearer(_factory, ottos).GetAsync("/api/v1/plans")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        var api = ApiSession.Bearer(_factory, await ApiSession.TokenForAsync(_factory, "otto", "short", expiresInDays: 1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/plans")).StatusCode);

        _factory.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/plans")).StatusCode);
    }

    [Fact]
    public async Task Tokens_of_a_deleted_or_locked_account_stop_working_and_a_role_change_applies_at_once()
    {
        var accounts = _factory.Services.GetRequiredService<AccountService>();
        var otto = ApiSession.Bearer(_factory, await ApiSession.TokenForAsync(_factory, "otto"));
        var vera = ApiSession.Bearer(_factory, await ApiSession.TokenForAsync(_factory, "vera"));
        var ottoId = (await accounts.ListAsync()).Single(a => a.UserName == "otto").Id;

        Assert.Null(await accounts.SetRoleAsync("admin", ottoId, "viewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await otto.PostAsync("/api/v1/providers/lab-vcenter/test", null)).StatusCode);

        for (var i = 0; i < 5; i++) await accounts.CheckPasswordAsync("vera", "wrong-password-here");
        Assert.Equal(HttpStatusCode.Unauthorized, (await vera.GetAsync("/api/v1/plans")).StatusCode);

        Assert.Null(await accounts.DeleteAsync("admin", ottoId));
        Assert.Equal(HttpStatusCode.Unauthorized, (await otto.GetAsync("/api/v1/plans")).StatusCode);
        await using var db = Db();
        Assert.False(await db.ApiTokens.AnyAsync(t => t.UserId == ottoId));
    }

    [Fact]
    public async Task A_viewer_token_reads_but_every_action_is_403_and_changes_nothing()
    {
        var viewer = ApiSession.Bearer(_factory, await ApiSession.TokenForAsync(_factory, "vera"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/providers/lab-vcenter")).StatusCode);

        var actions = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Post, "/api/v1/providers", new { name = "x", type = "openshift", backing = "lab" }),
            (HttpMethod.Post, "/api/v1/providers/lab-vcenter/test", null),
            (HttpMethod.Delete, "/api/v1/providers/host", null),
            (HttpMethod.Put, "/api/v1/providers/lab-vcenter/host-networks", new { }),
            (HttpMethod.Post, "/api/v1/network-maps", new { name = "n" }),
            (HttpMethod.Delete, "/api/v1/storage-maps/s", null),
            (HttpMethod.Put, "/api/v1/hooks/h", new { image = "quay.io/x/y:1" }),
            (HttpMethod.Post, "/api/v1/plans", new { name = "p" }),
            (HttpMethod.Put, "/api/v1/plans/p", new { }),
            (HttpMethod.Post, "/api/v1/plans/p/duplicate", new { name = "q" }),
            (HttpMethod.Post, "/api/v1/plans/p/archive", null),
            (HttpMethod.Delete, "/api/v1/plans/p", null),
            (HttpMethod.Post, "/api/v1/plans/p/start", null),
            (HttpMethod.Post, "/api/v1/plans/p/restart", null),
            (HttpMethod.Put, "/api/v1/plans/p/cutover", new { now = true }),
            (HttpMethod.Delete, "/api/v1/plans/p/vms/vm-1/cutover", null),
            (HttpMethod.Post, "/api/v1/plans/p/cancel", null),
            (HttpMethod.Put, "/api/v1/engine/settings", new { maxInFlightPerHost = 5 }),
            (HttpMethod.Get, "/api/v1/audit", null),
        };
        foreach (var (method, url, body) in actions)
        {
            var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
            Assert.True(HttpStatusCode.Forbidden == (await viewer.SendAsync(request)).StatusCode, $"{method} {url}");
        }

        await using var db = Db();
        Assert.Equal(2, await db.Providers.CountAsync());
        Assert.False(await db.NetworkMaps.AnyAsync());
    }

    [Fact]
    public async Task A_bearer_token_does_not_sign_in_to_pages_and_a_session_cookie_still_works_on_the_api()
    {
        var token = await ApiSession.TokenForAsync(_factory, "otto");
        var page = await ApiSession.Bearer(_factory, token).GetAsync("/plans");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location?.PathAndQuery ?? page.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var browser = await _factory.SignedInAsync("otto", "operator-password-1");
        var me = await browser.GetJsonAsync("/api/v1/me");
        Assert.Equal("session", me.GetProperty("authenticatedWith").GetString());
    }

    [Fact]
    public async Task Token_names_are_required_and_unique_per_user_and_a_bad_one_creates_nothing()
    {
        var otto = (await _factory.Services.GetRequiredService<AccountService>().ListAsync()).Single(a => a.UserName == "otto").Id;
        Assert.Equal("Give the token a name, such as the script that will use it.", (await Tokens.CreateAsync(otto, "  ", null)).Problem);
        Assert.Null((await Tokens.CreateAsync(otto, "ci", null)).Problem);
        Assert.Equal("You already have a token named 'CI'.", (await Tokens.CreateAsync(otto, "CI", null)).Problem);
        Assert.Contains("1 to 3650 days", (await Tokens.CreateAsync(otto, "later", 0)).Problem, StringComparison.Ordinal);
        await using var db = Db();
        Assert.Equal(1, await db.ApiTokens.CountAsync());
    }
}
