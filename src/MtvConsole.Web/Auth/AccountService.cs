using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MtvConsole.Core.Auditing;
using MtvConsole.Data;
using MtvConsole.Data.Accounts;

namespace MtvConsole.Web.Auth;

/// <summary>
/// Local accounts: password check with lockout after repeated failures, and account management
/// (create, change role, reset password, unlock, delete) for admins. Every change is audited.
/// </summary>
public sealed class AccountService(
    IDbContextFactory<MtvDbContext> dbFactory,
    IPasswordHasher<UserAccount> hasher,
    IAuditLog audit,
    TimeProvider time,
    IOptions<AuthOptions> options)
{
    public const int MinimumPasswordLength = 12;

    public async Task<SignInOutcome> CheckPasswordAsync(string userName, string password, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var account = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName.Trim(), ct);
        if (account is null)
        {
            await audit.RecordAsync(userName, AuditActions.SignInFailed, "account", "unknown user", false, ct);
            return new SignInOutcome(SignInResult.WrongCredentials, null);
        }
        if (account.IsLockedOut(now))
        {
            await audit.RecordAsync(account.UserName, AuditActions.SignInFailed, "account", "account is locked", false, ct);
            return new SignInOutcome(SignInResult.LockedOut, null, account.LockoutEnd);
        }

        var verdict = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            account.FailedAttempts++;
            var locked = account.FailedAttempts >= options.Value.LockoutAttempts;
            if (locked)
            {
                account.LockoutEnd = now.AddMinutes(options.Value.LockoutMinutes);
                account.FailedAttempts = 0;
            }
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(account.UserName, AuditActions.SignInFailed, "account",
                locked ? $"wrong password; locked for {options.Value.LockoutMinutes} minutes" : "wrong password", false, ct);
            return locked
                ? new SignInOutcome(SignInResult.LockedOut, null, account.LockoutEnd)
                : new SignInOutcome(SignInResult.WrongCredentials, null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            account.PasswordHash = hasher.HashPassword(account, password);
        account.FailedAttempts = 0;
        account.LockoutEnd = null;
        account.LastSignInAt = now;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(account.UserName, AuditActions.SignIn, "account", "", true, ct);
        return new SignInOutcome(SignInResult.Succeeded, account);
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
    }

    public async Task<string?> FindStampAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct);
    }

    /// <summary>Creates an account; returns a problem sentence (and changes nothing) when the input is bad.</summary>
    public async Task<string?> CreateAsync(string actor, string userName, string password, string role, CancellationToken ct = default)
    {
        userName = userName.Trim();
        var problem = CheckUserName(userName) ?? CheckPassword(password) ?? CheckRole(role);
        if (problem is not null) return problem;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Users.AnyAsync(u => u.UserName == userName, ct))
            return $"A user named '{userName}' already exists.";
        var account = new UserAccount { UserName = userName, Role = role, CreatedAt = time.GetUtcNow() };
        account.PasswordHash = hasher.HashPassword(account, password);
        db.Users.Add(account);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(actor, AuditActions.Create, $"user/{userName}", $"role {role}", true, ct);
        return null;
    }

    public Task<string?> SetRoleAsync(string actor, Guid id, string role, CancellationToken ct = default) =>
        UpdateAsync(actor, id, CheckRole(role), async (db, account) =>
        {
            if (account.Role == Roles.Admin && role != Roles.Admin && await IsLastAdminAsync(db, account, ct))
                return "The last admin cannot lose the admin role.";
            account.Role = role;
            return null;
        }, $"role {role}", ct);

    public Task<string?> ResetPasswordAsync(string actor, Guid id, string password, CancellationToken ct = default) =>
        UpdateAsync(actor, id, CheckPassword(password), (_, account) =>
        {
            account.PasswordHash = hasher.HashPassword(account, password);
            return Task.FromResult<string?>(null);
        }, "password reset", ct);

    public Task<string?> UnlockAsync(string actor, Guid id, CancellationToken ct = default) =>
        UpdateAsync(actor, id, null, (_, account) =>
        {
            account.LockoutEnd = null;
            account.FailedAttempts = 0;
            return Task.FromResult<string?>(null);
        }, "unlocked", ct, keepStamp: true);

    public async Task<string?> DeleteAsync(string actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (account is null) return "That user no longer exists.";
        if (string.Equals(account.UserName, actor, StringComparison.OrdinalIgnoreCase)) return "You cannot delete your own account.";
        if (account.Role == Roles.Admin && await IsLastAdminAsync(db, account, ct)) return "The last admin cannot be deleted.";
        db.Users.Remove(account);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(actor, AuditActions.Delete, $"user/{account.UserName}", "", true, ct);
        return null;
    }

    private async Task<string?> UpdateAsync(string actor, Guid id, string? inputProblem,
        Func<MtvDbContext, UserAccount, Task<string?>> change, string details, CancellationToken ct, bool keepStamp = false)
    {
        if (inputProblem is not null) return inputProblem;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (account is null) return "That user no longer exists.";
        var problem = await change(db, account);
        if (problem is not null) return problem;
        if (!keepStamp) account.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(actor, AuditActions.Update, $"user/{account.UserName}", details, true, ct);
        return null;
    }

    private static async Task<bool> IsLastAdminAsync(MtvDbContext db, UserAccount account, CancellationToken ct) =>
        !await db.Users.AnyAsync(u => u.Role == Roles.Admin && u.Id != account.Id, ct);

    public static string? CheckUserName(string userName) =>
        string.IsNullOrWhiteSpace(userName) ? "A user name is required."
        : userName.Length > 100 ? "A user name has at most 100 characters."
        : userName.Any(char.IsWhiteSpace) ? "A user name cannot contain spaces."
        : null;

    public static string? CheckPassword(string? password) =>
        password is null || password.Length < MinimumPasswordLength
            ? $"A password needs at least {MinimumPasswordLength} characters."
            : null;

    public static string? CheckRole(string role) =>
        Roles.IsValid(role) ? null : $"The role must be one of: {string.Join(", ", Roles.All)}.";
}
