using MtvConsole.Core.Resources;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Api.V1;

/// <summary>A provider as the API shows it: never its secret, only whether one is set (<c>secret: "set"</c>).</summary>
public sealed record ProviderDto(
    string Name,
    string Type,
    string Backing,
    string Url,
    string Phase,
    string? Secret,
    bool InsecureSkipVerify,
    string? PinnedSha256,
    IReadOnlyList<ConditionDto> Conditions,
    int? Vms,
    int? Hosts,
    int? Networks,
    int? Datastores,
    DateTimeOffset? InventoryLoadedAt,
    string? VddkInitImage = null)
{
    public const string SecretSet = "set";

    public static ProviderDto From(Provider p, InventorySummary? summary) => new(
        p.Name,
        p.Type == ProviderType.Vsphere ? "vsphere" : "openshift",
        p.Backing.ToString().ToLowerInvariant(),
        p.Url,
        p.Phase.ToString(),
        p.SecretId is null ? null : SecretSet,
        p.InsecureSkipVerify,
        p.PinnedSha256,
        ConditionDto.From(p.Conditions),
        summary?.Counts.Vms,
        summary?.Counts.Hosts,
        summary?.Counts.Networks,
        summary?.Counts.Datastores,
        p.InventoryLoadedAt,
        p.VddkInitImage);
}

/// <summary>
/// A provider as the API accepts it. <c>type</c> is <c>vsphere</c> or <c>openshift</c>; <c>backing</c> is
/// <c>remote</c> (default), <c>incluster</c> or <c>lab</c>. Giving <c>pinnedSha1</c> and <c>pinnedSha256</c>
/// trusts that certificate; a <c>kubeconfig</c> (with an optional <c>kubeconfigContext</c>) replaces URL and
/// token for an OpenShift provider. Secrets left out of an update keep their stored value. <c>vddkInitImage</c>
/// (vSphere) is the importer's VDDK init image, as Forklift's <c>spec.settings.vddkInitImage</c>; it must parse
/// as an image reference, and left out (or empty) the provider has none.
/// </summary>
public sealed record ProviderRequest(
    string Name,
    string Type,
    string? Backing = null,
    string? Url = null,
    string? UserName = null,
    string? Password = null,
    string? Token = null,
    string? CaBundle = null,
    bool InsecureSkipVerify = false,
    string? PinnedSha1 = null,
    string? PinnedSha256 = null,
    string? Kubeconfig = null,
    string? KubeconfigContext = null,
    string? VddkInitImage = null)
{
    public ProviderInput? ToInput() =>
        ParseType(Type) is not { } type || ParseBacking(Backing) is not { } backing ? null : new ProviderInput
        {
            Name = Name ?? "",
            Type = type,
            Backing = backing,
            Url = Url ?? "",
            UserName = UserName ?? "",
            Password = Password,
            Token = Token,
            CaBundle = CaBundle,
            InsecureSkipVerify = InsecureSkipVerify,
            TrustCertificate = !string.IsNullOrWhiteSpace(PinnedSha256),
            TrustedSha1 = PinnedSha1,
            TrustedSha256 = PinnedSha256,
            UseKubeconfig = !string.IsNullOrWhiteSpace(Kubeconfig),
            Kubeconfig = Kubeconfig,
            KubeconfigContext = KubeconfigContext,
            VddkInitImage = VddkInitImage,
        };

    private static ProviderType? ParseType(string? type) => type?.ToLowerInvariant() switch
    {
        "vsphere" => ProviderType.Vsphere,
        "openshift" => ProviderType.OpenShift,
        _ => null,
    };

    private static ProviderBacking? ParseBacking(string? backing) => backing?.ToLowerInvariant() switch
    {
        null or "" or "remote" => ProviderBacking.Remote,
        "incluster" => ProviderBacking.InCluster,
        "lab" => ProviderBacking.Lab,
        _ => null,
    };
}
