namespace MtvConsole.Core.Resources;

/// <summary>An encrypted secret (password or token). Only the ciphertext is stored; it is never sent to a browser.</summary>
public sealed class StoredSecret
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Purpose { get; set; }
    public required string Ciphertext { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
