using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using MtvConsole.Core.Auditing;

namespace MtvConsole.Web.Auth;

/// <summary>The sign-in form posts here; a cookie can only be set on an HTTP response, not over the circuit.</summary>
internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signin", SignInAsync).AllowAnonymous();
        app.MapPost("/account/signout", SignOutAsync);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http,
        [FromForm] string? userName,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        AccountService accounts)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return Results.LocalRedirect(SignInPage("missing", back));

        var outcome = await accounts.CheckPasswordAsync(userName, password, http.RequestAborted);
        if (outcome.Result != SignInResult.Succeeded)
            return Results.LocalRedirect(SignInPage(outcome.Result == SignInResult.LockedOut ? "locked" : "invalid", back));

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ConsoleClaims.For(outcome.Account!));
        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAuditLog audit)
    {
        await audit.RecordAsync(http.User.UserName(), AuditActions.SignOut, "account", "", true, http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/signin");
    }

    private static string SignInPage(string error, string returnUrl) =>
        $"/signin?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>Only local paths: never "//host" or "/\host", which browsers treat as other sites.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') &&
        !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
