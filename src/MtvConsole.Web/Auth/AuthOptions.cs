namespace MtvConsole.Web.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>User name of the admin account created on first start.</summary>
    public string AdminUser { get; set; } = "admin";

    /// <summary>Password of that account (environment <c>Auth__AdminPassword</c>); unset = a random one-time password is logged once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    public int LockoutAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    public int SessionHours { get; set; } = 8;
}
