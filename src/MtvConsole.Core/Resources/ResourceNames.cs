using System.Text.RegularExpressions;

namespace MtvConsole.Core.Resources;

/// <summary>Name rules: resource names and target namespaces are DNS-1123 labels (lowercase, digits, '-', ≤ 63).</summary>
public static partial class ResourceNames
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    public static bool IsDns1123Label(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 63 && Dns1123Label().IsMatch(value);

    /// <summary>Why the name is not a valid DNS-1123 label, or null when it is.</summary>
    public static string? Dns1123Problem(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "is required";
        if (value.Length > 63) return $"must be at most 63 characters (it has {value.Length})";
        if (!Dns1123Label().IsMatch(value))
            return "must consist of lowercase letters, digits and '-', and start and end with a letter or digit";
        return null;
    }
}
