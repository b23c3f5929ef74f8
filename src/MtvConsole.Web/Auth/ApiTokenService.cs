using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Data;
using MtvConsole.Data.Accounts;

namespace MtvConsole.Web.Auth;

/// <summary>A token just created: the secret text (shown once, never stored) and its stored record.</summary>
public sealed record CreatedApiToken(string Token, ApiToken Record);

/// <summary>Who a bearer token belongs to, or why it does not authenticate.</summary>
public sealed record ApiTokenCheck(UserAccount? Account, ApiToken? Token, string? Failure);

/// <summary>
/// Personal API tokens: a user creates, names and revokes their own tokens; only a SHA-256 hash is stored.
/// A token authenticates as its owner with the owner's current role, and stops working when it is revoked,
/// expires, or its owner is deleted or locked out. Creation and revocation are audited.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<MtvDbContext> dbFactory, IAuditLog audit, TimeProvider time)
{
    public const string TokenPrefix = "mtv_";
    public const int MaxTokensPerUser = 20;
    public const int MaxExpiryDays = 3650;
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    /// <summary>A used token's last-used time is written at most this often, so scripts do not write on every call.</summary>
    private static readonly TimeSpan LastUsedGranularity = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<ApiToken>> ListAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Name).ToListAsync(ct);
    }

    /// <summary>Creates a token for the user; returns the token once, or a problem sentence and creates nothing.</summary>
    public async Task<(CreatedApiToken? Created, string? Problem)> CreateAsync(Guid userId, string name, int? expiresInDays, CancellationToken ct = default)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0) return (null, "Give the token a name, such as the script that will use it.");
        if (name.Length > 100) return (null, "A token name has at most 100 characters.");
        if (expiresInDays is < 1 or > MaxExpiryDays) return (null, $"A token expires after 1 to {MaxExpiryDays} days, or never.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (account is null) return (null, "That user no longer exists.");
        var tokens = await db.ApiTokens.Where(t => t.UserId == userId).Select(t => t.Name).ToListAsync(ct);
        if (tokens.Contains(name, StringComparer.OrdinalIgnoreCase)) return (null, $"You already have a token named '{name}'.");
        if (tokens.Count >= MaxTokensPerUser) return (null, $"You have {MaxTokensPerUser} tokens; revoke one first.");

        var now = time.GetUtcNow();
        var token = TokenPrefix + RandomNumberGenerator.GetString(Alphabet, 40);
        var record = new ApiToken
        {
            UserId = userId, Name = name, Prefix = token[..8], Hash = Hash(token), CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(account.UserName, AuditActions.Create, $"api-token/{account.UserName}/{name}",
            record.ExpiresAt is { } end ? $"expires {end:u}" : "never expires", true, ct);
        return (new CreatedApiToken(token, record), null);
    }

    /// <summary>Revokes (deletes) one of the user's own tokens; returns a problem sentence when there is no such token.</summary>
    public async Task<string?> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null) return "You have no such token; it may already be revoked.";
        var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(ct);
        db.ApiTokens.Remove(token);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(userName, AuditActions.Delete, $"api-token/{userName}/{token.Name}", "revoked", true, ct);
        return null;
    }

    /// <summary>Finds the owner of a presented token and records its use.</summary>
    public async Task<ApiTokenCheck> CheckAsync(string presented, CancellationToken ct = default)
    {
        if (!presented.StartsWith(TokenPrefix, StringComparison.Ordinal) || presented.Length > 200)
            return new ApiTokenCheck(null, null, "Not an MTV Console API token.");
        var hash = Hash(presented);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is null) return new ApiTokenCheck(null, null, "Unknown or revoked API token.");
        var now = time.GetUtcNow();
        if (token.IsExpired(now)) return new ApiTokenCheck(null, token, $"The API token '{token.Name}' expired at {token.ExpiresAt:u}.");
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId, ct);
        if (account is null) return new ApiTokenCheck(null, token, "The token's account no longer exists.");
        if (account.IsLockedOut(now)) return new ApiTokenCheck(null, token, $"The account '{account.UserName}' is locked.");
        if (token.LastUsedAt is not { } last || now - last >= LastUsedGranularity)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return new ApiTokenCheck(account, token, null);
    }

    /// <summary>Lower-case hex SHA-256: tokens are long random strings, so a fast hash is enough (no salt or stretching needed).</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
