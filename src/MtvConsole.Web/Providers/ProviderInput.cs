using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Providers;

/// <summary>
/// What the provider forms and <c>POST /api/v1/providers</c> submit. Secret fields (password, token, CA
/// bundle) left empty on an edit keep the stored value; they are never filled from the stored secret.
/// </summary>
public sealed class ProviderInput
{
    public string Name { get; set; } = "";
    public ProviderType Type { get; set; } = ProviderType.Vsphere;
    public ProviderBacking Backing { get; set; } = ProviderBacking.Remote;
    public string Url { get; set; } = "";
    public string UserName { get; set; } = "";
    public string? Password { get; set; }
    public string? Token { get; set; }
    public string? CaBundle { get; set; }
    public bool RemoveCaBundle { get; set; }
    public bool InsecureSkipVerify { get; set; }

    /// <summary>An OpenShift cluster reached through an uploaded or pasted kubeconfig instead of URL + token.</summary>
    public bool UseKubeconfig { get; set; }

    /// <summary>A new kubeconfig (YAML); empty on an edit keeps the stored one.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The context of <see cref="Kubeconfig"/> to use; null uses its current-context.</summary>
    public string? KubeconfigContext { get; set; }

    /// <summary>The user ticked "I trust this certificate" for the fingerprints below.</summary>
    public bool TrustCertificate { get; set; }

    public string? TrustedSha1 { get; set; }
    public string? TrustedSha256 { get; set; }

    /// <summary>vSphere: the VDDK init image the importer copies the VDDK library from (required for a remote vCenter).</summary>
    public string? VddkInitImage { get; set; }

    public static ProviderInput From(Provider p) => new()
    {
        VddkInitImage = p.VddkInitImage,
        Name = p.Name,
        Type = p.Type,
        Backing = p.Backing,
        Url = p.Url,
        UserName = p.UserName,
        InsecureSkipVerify = p.InsecureSkipVerify,
    };
}

/// <summary>Field names used as keys of validation errors (and by the forms to place the messages).</summary>
public static class ProviderFields
{
    public const string Name = nameof(ProviderInput.Name);
    public const string Url = nameof(ProviderInput.Url);
    public const string UserName = nameof(ProviderInput.UserName);
    public const string Password = nameof(ProviderInput.Password);
    public const string Token = nameof(ProviderInput.Token);
    public const string CaBundle = nameof(ProviderInput.CaBundle);
    public const string Certificate = "Certificate";
    public const string Backing = nameof(ProviderInput.Backing);
    public const string Kubeconfig = nameof(ProviderInput.Kubeconfig);
    public const string VddkInitImage = nameof(ProviderInput.VddkInitImage);
}

/// <summary>The provider form rules: one specific message per field, nothing saved while any is broken.</summary>
public static class ProviderRules
{
    public const string UserDomainHelp =
        "vCenter signs users in with their domain: write user@vsphere.local (or user@your.domain) or DOMAIN\\user.";

    /// <summary>
    /// Normalises a vSphere URL: trims it and appends <c>/sdk</c> when the path is empty. Returns the URL
    /// and whether <c>/sdk</c> was added; an unparseable URL is returned unchanged.
    /// </summary>
    public static (string Url, bool SdkAdded) NormalizeVsphereUrl(string raw)
    {
        var url = raw.Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps) return (url, false);
        if (uri.AbsolutePath is "" or "/" && string.IsNullOrEmpty(uri.Query))
            return (url.TrimEnd('/') + "/sdk", true);
        return (url, false);
    }

    public static string? NameProblem(string name, IEnumerable<string> otherNames)
    {
        if (ResourceNames.Dns1123Problem(name) is { } problem) return $"The name {problem}.";
        if (otherNames.Contains(name, StringComparer.Ordinal)) return $"A provider named '{name}' already exists.";
        return null;
    }

    public static string? HttpsUrlProblem(string url, bool vsphere)
    {
        if (string.IsNullOrWhiteSpace(url)) return "The URL is required.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return $"'{url}' is not a URL; write it like {(vsphere ? "https://vcenter.example.com/sdk" : "https://api.cluster.example.com:6443")}.";
        if (uri.Scheme != Uri.UriSchemeHttps) return "Only https URLs are allowed: credentials must not travel unencrypted.";
        if (vsphere && uri.AbsolutePath.TrimEnd('/') != "/sdk")
            return $"The vSphere API lives at /sdk; use https://{uri.Authority}/sdk.";
        return null;
    }

    public static string? VsphereUserProblem(string user)
    {
        if (string.IsNullOrWhiteSpace(user)) return "The user is required.";
        if (user.Any(char.IsWhiteSpace)) return "The user must not contain spaces.";
        var at = user.IndexOf('@');
        var slash = user.IndexOf('\\');
        var withAt = at > 0 && at < user.Length - 1 && user.IndexOf('@', at + 1) < 0;
        var withSlash = slash > 0 && slash < user.Length - 1 && user.IndexOf('\\', slash + 1) < 0;
        return withAt || withSlash ? null : "The user needs a domain. " + UserDomainHelp;
    }

    /// <summary>Null when the text holds at least one PEM X.509 certificate and nothing else is broken.</summary>
    public static string? CaBundleProblem(string pem)
    {
        if (!pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            return "The CA bundle must be PEM: one or more blocks starting with -----BEGIN CERTIFICATE-----.";
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(pem);
            return collection.Count == 0 ? "The CA bundle holds no certificate." : null;
        }
        catch (CryptographicException e)
        {
            return $"The CA bundle is not a valid X.509 certificate: {e.Message}";
        }
    }

    /// <summary>
    /// Every problem of the input, by field. <paramref name="existing"/> is the provider being edited
    /// (null on create) and <paramref name="existingSecretKeys"/> the keys its secret already holds.
    /// </summary>
    public static Dictionary<string, string> Validate(ProviderInput input, Provider? existing,
        IReadOnlyCollection<string> otherNames, IReadOnlyCollection<string> existingSecretKeys)
    {
        var errors = new Dictionary<string, string>();
        void Add(string field, string? problem)
        {
            if (problem is not null) errors.TryAdd(field, problem);
        }

        Add(ProviderFields.Name, NameProblem(input.Name, otherNames));
        // A Lab provider's endpoint is the simulation: only its name can change.
        if (existing?.Backing == ProviderBacking.Lab) return errors;
        if (existing is not null && existing.Type != input.Type) Add(ProviderFields.Name, "A provider's type cannot change; create a new provider instead.");

        if (input.Type == ProviderType.Vsphere)
        {
            if (input.Backing != ProviderBacking.Remote)
            {
                Add(ProviderFields.Backing, "A new vSphere provider points at a vCenter URL.");
                return errors;
            }
            Add(ProviderFields.Url, HttpsUrlProblem(input.Url, vsphere: true));
            Add(ProviderFields.UserName, VsphereUserProblem(input.UserName));
            if (string.IsNullOrEmpty(input.Password) && !existingSecretKeys.Contains("password"))
                Add(ProviderFields.Password, "The password is required.");
            Add(ProviderFields.Certificate, CertificateProblem(input, existing));
            Add(ProviderFields.VddkInitImage, VddkImageProblem(input.VddkInitImage));
        }
        else
        {
            switch (input.Backing)
            {
                case ProviderBacking.Remote when input.UseKubeconfig:
                    if (!string.IsNullOrWhiteSpace(input.Kubeconfig))
                        Add(ProviderFields.Kubeconfig, KubeVirt.Connection.KubeconfigInspector.Inspect(input.Kubeconfig, input.KubeconfigContext).Problem);
                    else if (!existingSecretKeys.Contains(KubeVirt.Connection.ClusterConnection.KubeconfigKey))
                        Add(ProviderFields.Kubeconfig, "Upload or paste the kubeconfig.");
                    break;
                case ProviderBacking.Remote:
                    Add(ProviderFields.Url, HttpsUrlProblem(input.Url, vsphere: false));
                    if (!input.InsecureSkipVerify && !string.IsNullOrWhiteSpace(input.TrustedSha256) && !input.TrustCertificate && string.IsNullOrWhiteSpace(input.CaBundle))
                        Add(ProviderFields.Certificate, "Tick \"I trust this certificate\" after comparing the fingerprints, paste a CA bundle instead, or skip certificate verification.");
                    if (string.IsNullOrWhiteSpace(input.Token) && !existingSecretKeys.Contains("token"))
                        Add(ProviderFields.Token, "The service account bearer token is required.");
                    else if (!string.IsNullOrEmpty(input.Token) && input.Token.Any(char.IsWhiteSpace))
                        Add(ProviderFields.Token, "The token must not contain spaces or line breaks.");
                    if (!string.IsNullOrWhiteSpace(input.CaBundle)) Add(ProviderFields.CaBundle, CaBundleProblem(input.CaBundle));
                    break;
                case ProviderBacking.InCluster:
                case ProviderBacking.Lab:
                    break;
            }
        }
        return errors;
    }

    public const string VddkImageHelp =
        "The image CDI copies the VMware VDDK library from, e.g. registry.example.com/vddk:8.0.3. VDDK may not be redistributed: " +
        "build it from VMware's VDDK tarball (as in Forklift's documentation) and push it to a registry the cluster can pull from.";

    /// <summary>
    /// A VDDK init image, when given, must parse as an image reference. It may be left empty (as in Forklift), but a plan
    /// from this provider cannot start until it is set (<c>VDDKInitImageUnavailable</c>).
    /// </summary>
    public static string? VddkImageProblem(string? image) =>
        string.IsNullOrWhiteSpace(image) ? null : ImageReference.Problem(image.Trim());

    private static string? CertificateProblem(ProviderInput input, Provider? existing)
    {
        if (input.InsecureSkipVerify) return null;
        if (input.TrustCertificate && !string.IsNullOrWhiteSpace(input.TrustedSha256) && !string.IsNullOrWhiteSpace(input.TrustedSha1)) return null;
        // An edit that keeps the host and the pinned certificate needs no new trust step.
        if (existing is { PinnedSha256: not null } && !input.TrustCertificate && SameAuthority(existing.Url, input.Url)) return null;
        if (!string.IsNullOrWhiteSpace(input.TrustedSha256) && !input.TrustCertificate)
            return "Tick \"I trust this certificate\" after comparing the fingerprints, or skip certificate verification.";
        return "Fetch the server certificate and trust it, or skip certificate verification.";
    }

    private static bool SameAuthority(string a, string b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var ua) && Uri.TryCreate(b.Trim(), UriKind.Absolute, out var ub) &&
        string.Equals(ua.Authority, ub.Authority, StringComparison.OrdinalIgnoreCase);
}
