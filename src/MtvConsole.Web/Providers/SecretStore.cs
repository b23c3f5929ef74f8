using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Providers;

/// <summary>
/// Encrypts secrets (a small JSON object of keys such as <c>user</c>, <c>password</c>, <c>token</c>,
/// <c>cacert</c>) with ASP.NET Core Data Protection into <see cref="StoredSecret.Ciphertext"/>, and reads
/// them back on the server. Values never leave the server; pages only learn which keys are set.
/// </summary>
public sealed class SecretStore(IDataProtectionProvider protection)
{
    public const string ProtectorPurpose = "MtvConsole.Secrets.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(ProtectorPurpose);

    public StoredSecret Create(string purpose, IReadOnlyDictionary<string, string> data, DateTimeOffset now) => new()
    {
        Purpose = purpose,
        Ciphertext = Protect(data),
        UpdatedAt = now,
    };

    public void Replace(StoredSecret secret, IReadOnlyDictionary<string, string> data, DateTimeOffset now)
    {
        secret.Ciphertext = Protect(data);
        secret.UpdatedAt = now;
    }

    /// <summary>The secret's data, or null when it cannot be decrypted (another key ring, or tampered with).</summary>
    public Dictionary<string, string>? Read(StoredSecret secret)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(_protector.Unprotect(secret.Ciphertext));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The keys with a non-empty value (what a page may show as "set"), or null when unreadable.</summary>
    public IReadOnlyCollection<string>? Keys(StoredSecret? secret) =>
        secret is null ? null : Read(secret)?.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => kv.Key).ToHashSet();

    private string Protect(IReadOnlyDictionary<string, string> data) => _protector.Protect(JsonSerializer.Serialize(data));
}
