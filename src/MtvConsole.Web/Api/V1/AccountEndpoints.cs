using System.Security.Claims;
using MtvConsole.Data.Accounts;
using MtvConsole.Web.Auth;

namespace MtvConsole.Web.Api.V1;

public sealed record MeDto(string UserName, string Role, string AuthenticatedWith);

/// <summary>A personal API token as its owner sees it: never the token itself, which is shown once when created.</summary>
public sealed record ApiTokenDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt)
{
    public static ApiTokenDto From(ApiToken t) => new(t.Id, t.Name, t.Prefix + "…", t.CreatedAt, t.LastUsedAt, t.ExpiresAt);
}

/// <summary>
/// The caller's own account: who am I, my API tokens and revoking one. Tokens are created on the My account
/// page, where the token is shown once.
/// </summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("My account");

        me.MapGet("/", (HttpContext http) => new MeDto(http.User.UserName(), http.User.FindFirstValue(ClaimTypes.Role) ?? "",
                http.User.HasClaim(c => c.Type == ApiTokenAuthenticationHandler.TokenIdClaim) ? "token" : "session"))
            .WithSummary("Who the caller is, with which role, signed in by session or by API token");

        me.MapGet("/tokens", async (HttpContext http, ApiTokenService tokens, CancellationToken ct) =>
            (await tokens.ListAsync(UserId(http), ct)).Select(ApiTokenDto.From))
            .WithSummary("The caller's API tokens (names, prefixes, created, last used, expiry)");

        me.MapDelete("/tokens/{id:guid}", async (Guid id, HttpContext http, ApiTokenService tokens, CancellationToken ct) =>
            await tokens.RevokeAsync(UserId(http), id, ct) is { } problem ? ApiProblems.NotFound(problem) : Results.NoContent())
            .WithSummary("Revoke one of the caller's API tokens; it stops working at once");
    }

    private static Guid UserId(HttpContext http) => Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
