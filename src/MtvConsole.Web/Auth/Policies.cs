using Microsoft.AspNetCore.Authorization;
using MtvConsole.Data.Accounts;

namespace MtvConsole.Web.Auth;

/// <summary>Authorization policies: viewers read, operators also start, cut over and cancel, admins manage.</summary>
public static class Policies
{
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Operator, p => p.RequireRole(Roles.Admin, Roles.Operator));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
    }
}
