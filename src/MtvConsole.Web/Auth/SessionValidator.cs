using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MtvConsole.Web.Auth;

/// <summary>Signs a session out when its account was deleted or its password or role changed since sign-in.</summary>
internal static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(ConsoleClaims.SecurityStamp);
        if (Guid.TryParse(id, out var userId) && stamp is not null &&
            await accounts.FindStampAsync(userId, context.HttpContext.RequestAborted) == stamp)
        {
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
