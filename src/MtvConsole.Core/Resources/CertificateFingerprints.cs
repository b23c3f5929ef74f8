namespace MtvConsole.Core.Resources;

/// <summary>The SHA-1 and SHA-256 fingerprints (colon hex, upper case) of a server certificate.</summary>
public sealed record CertificateFingerprints(string Sha1, string Sha256)
{
    /// <summary>Colon hex as vSphere writes thumbprints: <c>AB:CD:…</c>.</summary>
    public static string Format(ReadOnlySpan<byte> hash) => string.Join(':', hash.ToArray().Select(b => b.ToString("X2")));

    /// <summary>Whether two fingerprints name the same certificate (case and separators ignored).</summary>
    public static bool Same(string? a, string? b) => Normalize(a) == Normalize(b);

    private static string Normalize(string? value) =>
        new string((value ?? "").Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();
}
