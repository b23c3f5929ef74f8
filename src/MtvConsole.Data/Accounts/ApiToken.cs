namespace MtvConsole.Data.Accounts;

/// <summary>
/// A personal API token of one account. Only the SHA-256 hash of the secret is stored; the token itself
/// (<c>mtv_</c> + random text) is shown once when it is created. Deleting the account deletes its tokens.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the token (<c>mtv_ab12</c>), so the owner can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Null = never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } end && end <= now;
}
