using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace MtvConsole.Web.Auth;

/// <summary>
/// <c>Authorization: Bearer mtv_…</c> for the API and the hub: a personal API token authenticates as its
/// owner with the owner's current role. Requests without that header use the session cookie.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The scheme every endpoint authenticates with: bearer when the request carries one, else the cookie.</summary>
    public const string CookieOrToken = "CookieOrToken";

    public const string TokenIdClaim = "mtv:token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } presented) return AuthenticateResult.NoResult();
        var check = await tokens.CheckAsync(presented, Context.RequestAborted);
        if (check.Account is not { } account) return AuthenticateResult.Fail(check.Failure ?? "Invalid API token.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new Claim(ClaimTypes.Name, account.UserName),
            new Claim(ClaimTypes.Role, account.Role),
            new Claim(TokenIdClaim, check.Token!.Id.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"mtv-console\"";
        return Task.CompletedTask;
    }

    /// <summary>
    /// The bearer token of the request: the Authorization header, or on the hubs the <c>access_token</c> query parameter,
    /// which is how browsers' SignalR clients send it (a WebSocket request cannot carry the header).
    /// </summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } query ? query : null;
    }

    /// <summary>Bearer tokens count only on the API, the OpenAPI document and the hubs; pages always use the session cookie.</summary>
    public static string SelectScheme(HttpContext context) =>
        BearerToken(context.Request) is not null && IsAutomationPath(context.Request.Path)
            ? SchemeName
            : CookieAuthenticationDefaults.AuthenticationScheme;

    public static bool IsAutomationPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/openapi");
}
