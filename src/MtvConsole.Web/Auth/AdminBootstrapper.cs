using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MtvConsole.Data;
using MtvConsole.Data.Accounts;

namespace MtvConsole.Web.Auth;

/// <summary>
/// On first start with no accounts, creates the admin account with <c>Auth:AdminPassword</c>, or with a
/// random one-time password written once to the log.
/// </summary>
internal sealed class AdminBootstrapper(
    IDbContextFactory<MtvDbContext> dbFactory,
    IPasswordHasher<UserAccount> hasher,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<AdminBootstrapper> logger)
{
    public async Task EnsureAdminAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Users.AnyAsync(ct)) return;

        var configured = options.Value.AdminPassword;
        if (!string.IsNullOrEmpty(configured) && AccountService.CheckPassword(configured) is { } problem)
            throw new InvalidOperationException($"Auth:AdminPassword is too weak: {problem}");
        var password = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) : configured;

        var admin = new UserAccount { UserName = options.Value.AdminUser, Role = Roles.Admin, CreatedAt = time.GetUtcNow() };
        admin.PasswordHash = hasher.HashPassword(admin, password);
        db.Users.Add(admin);
        await db.SaveChangesAsync(ct);

        if (string.IsNullOrEmpty(configured))
            logger.LogWarning("Created the admin account '{User}' with the one-time password {Password} (shown only now; change it under Settings).", admin.UserName, password);
        else
            logger.LogInformation("Created the admin account '{User}' with the password from Auth:AdminPassword.", admin.UserName);
    }
}
