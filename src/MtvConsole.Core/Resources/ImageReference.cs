using System.Text.RegularExpressions;

namespace MtvConsole.Core.Resources;

/// <summary>
/// Whether a text is a container image reference a kubelet can pull: <c>[host[:port]/]path[:tag][@digest]</c>.
/// The grammar is distribution/reference's (vendored by CDI: kubevirt/containerized-data-importer c07cdb6fb
/// vendor/github.com/distribution/reference/regexp.go, <c>ReferenceRegexp</c>; reference.go:
/// <c>RepositoryNameTotalLengthMax</c> = 255, names lowercase).
/// </summary>
public static partial class ImageReference
{
    private const int NameTotalLengthMax = 255;

    /// <summary>Why <paramref name="image"/> is not a pullable image reference, or null when it is.</summary>
    public static string? Problem(string image)
    {
        if (string.IsNullOrWhiteSpace(image)) return "The image reference is empty.";
        if (image.Any(char.IsWhiteSpace)) return $"'{image}' is not an image reference: it must not contain spaces.";
        var match = Reference().Match(image);
        if (!match.Success)
        {
            return Reference().IsMatch(image.ToLowerInvariant()) && !image.Contains('@', StringComparison.Ordinal)
                ? $"'{image}' is not an image reference: the repository name must be lowercase."
                : $"'{image}' is not an image reference; write it like registry.example.com/vddk:8.0.3 (host/repository:tag, or @sha256:<digest>).";
        }

        if (match.Groups["name"].Length > NameTotalLengthMax)
            return $"'{image}' is not an image reference: the repository name is longer than {NameTotalLengthMax} characters.";
        return null;
    }

    public static bool IsValid(string image) => Problem(image) is null;

    // distribution/reference regexp.go: referencePat = anchored(capture(namePat), optional(`:`, capture(tag)), optional(`@`, capture(digestPat))).
    [GeneratedRegex(
        """^(?<name>(?:(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[(?:[a-fA-F0-9:]+)\])(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$""",
        RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
