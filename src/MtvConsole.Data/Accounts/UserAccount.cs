namespace MtvConsole.Data.Accounts;

/// <summary>A local account: user name, password hash, role, and the failed-attempt counter behind lockout.</summary>
public sealed class UserAccount
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string UserName { get; set; }
    public string PasswordHash { get; set; } = "";
    public required string Role { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? LockoutEnd { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Changes whenever the password or role changes; sessions carrying an older stamp are signed out.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, Viewer];

    public static bool IsValid(string? role) => role is not null && All.Contains(role);
}
