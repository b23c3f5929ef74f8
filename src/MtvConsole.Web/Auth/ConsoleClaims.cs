using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using MtvConsole.Data.Accounts;

namespace MtvConsole.Web.Auth;

/// <summary>The claims a signed-in session carries, including the security stamp that invalidates it.</summary>
public static class ConsoleClaims
{
    public const string SecurityStamp = "mtv:stamp";

    public static ClaimsPrincipal For(UserAccount account) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new Claim(ClaimTypes.Name, account.UserName),
            new Claim(ClaimTypes.Role, account.Role),
            new Claim(SecurityStamp, account.SecurityStamp),
        ], CookieAuthenticationDefaults.AuthenticationScheme));

    public static string UserName(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
