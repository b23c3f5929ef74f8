using MtvConsole.Core.Conditions;

namespace MtvConsole.Core.Resources;

/// <summary>
/// The outcome of testing a provider's connection and loading its inventory. <see cref="Certificate"/>
/// is the certificate the server presented, when the connection got that far.
/// </summary>
public sealed record ConnectionResult(bool Succeeded, string? Error, bool InventoryLoaded)
{
    public CertificateFingerprints? Certificate { get; init; }
}

/// <summary>Sets a provider's conditions (reference §2.1) and phase from its spec and its connection test.</summary>
public static class ProviderValidation
{
    public static void Apply(Provider provider, ConnectionResult? connection, DateTimeOffset now) =>
        Apply(provider, connection, now, secretKeys: null);

    /// <summary>The keys a remote provider's secret must hold: vSphere <c>user</c> and <c>password</c>, OpenShift <c>token</c>.</summary>
    public static IReadOnlyList<string> RequiredSecretKeys(ProviderType type) =>
        type == ProviderType.Vsphere ? ["user", "password"] : ["token"];

    /// <summary>The required keys <paramref name="secretKeys"/> lacks; an OpenShift secret holding a whole <c>kubeconfig</c> needs no token.</summary>
    public static List<string> MissingSecretKeys(ProviderType type, IReadOnlyCollection<string> secretKeys) =>
        type == ProviderType.OpenShift && secretKeys.Contains("kubeconfig") ? [] : RequiredSecretKeys(type).Where(k => !secretKeys.Contains(k)).ToList();

    /// <param name="secretKeys">
    /// The keys the provider's secret holds, when it was read (an unreadable secret holds none); null
    /// when the secret's content was not checked.
    /// </param>
    public static void Apply(Provider provider, ConnectionResult? connection, DateTimeOffset now, IReadOnlyCollection<string>? secretKeys)
    {
        var specValid = true;
        provider.Validate(now, set =>
        {
            specValid = ValidateSpec(provider, set, now, secretKeys);
            if (!specValid || connection is null) return;
            if (CertificateChange(provider, connection) is { } changed)
            {
                set.Set(changed, now);
                return;
            }
            if (connection.Succeeded)
            {
                set.Set(Required(ConditionTypes.ConnectionTestSucceeded, ConditionReasons.Tested, "Connection test, succeeded."), now);
                if (connection.InventoryLoaded)
                    set.Set(Required(ConditionTypes.InventoryCreated, ConditionReasons.Completed, "The inventory has been loaded."), now);
                else
                    set.Set(new Condition { Type = ConditionTypes.LoadInventory, Category = ConditionCategory.Advisory, Reason = ConditionReasons.Started, Message = "Loading the inventory." }, now);
            }
            else
            {
                set.Set(new Condition
                {
                    Type = ConditionTypes.ConnectionTestFailed,
                    Category = ConditionCategory.Critical,
                    Reason = ConditionReasons.Tested,
                    Message = $"Connection test, failed: {connection.Error}",
                }, now);
            }
            set.Set(new Condition { Type = ConditionTypes.Validated, Category = ConditionCategory.Advisory, Reason = ConditionReasons.Completed, Message = "Validation has been completed." }, now);
        }, "The provider is ready.");

        provider.Phase = !specValid ? ProviderPhase.ValidationFailed
            : provider.IsReady ? ProviderPhase.Ready
            : connection is { Succeeded: false } || provider.Conditions.Any(c => c.Type == ConditionTypes.CertificateChanged) ? ProviderPhase.ConnectionFailed
            : ProviderPhase.Staging;
    }

    /// <summary>
    /// A pinned provider whose server now presents a different certificate: Critical, naming the old and
    /// the new fingerprints. Nothing is trusted until someone compares them and trusts the new one.
    /// </summary>
    public static Condition? CertificateChange(Provider provider, ConnectionResult connection)
    {
        if (provider.Backing != ProviderBacking.Remote || provider.InsecureSkipVerify) return null;
        if (connection.Certificate is not { } presented) return null;
        if (string.IsNullOrEmpty(provider.PinnedSha1) && string.IsNullOrEmpty(provider.PinnedSha256)) return null;
        var sha256Differs = !string.IsNullOrEmpty(provider.PinnedSha256) && !CertificateFingerprints.Same(provider.PinnedSha256, presented.Sha256);
        var sha1Differs = !string.IsNullOrEmpty(provider.PinnedSha1) && !CertificateFingerprints.Same(provider.PinnedSha1, presented.Sha1);
        if (!sha256Differs && !sha1Differs) return null;
        return new Condition
        {
            Type = ConditionTypes.CertificateChanged,
            Category = ConditionCategory.Critical,
            Reason = ConditionReasons.Modified,
            Message = $"The server certificate changed: pinned SHA-256 {provider.PinnedSha256 ?? "(none)"} (SHA-1 {provider.PinnedSha1 ?? "(none)"}), " +
                      $"presented SHA-256 {presented.Sha256} (SHA-1 {presented.Sha1}).",
            Suggestion = "Compare the new fingerprints with the server's, then edit the provider, fetch the certificate and trust it again.",
            Items = [$"old SHA-1 {provider.PinnedSha1}", $"old SHA-256 {provider.PinnedSha256}", $"new SHA-1 {presented.Sha1}", $"new SHA-256 {presented.Sha256}"],
        };
    }

    private static bool ValidateSpec(Provider provider, ConditionSet set, DateTimeOffset now, IReadOnlyCollection<string>? secretKeys)
    {
        var valid = true;
        if (provider.Backing == ProviderBacking.Remote)
        {
            if (string.IsNullOrWhiteSpace(provider.Url))
            {
                set.Set(Critical(ConditionTypes.UrlNotValid, ConditionReasons.NotSet, "The `url` is not valid."), now);
                valid = false;
            }
            else if (!Uri.TryCreate(provider.Url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                set.Set(Critical(ConditionTypes.UrlNotValid, ConditionReasons.Malformed, $"The `url` is malformed: '{provider.Url}' is not an https URL."), now);
                valid = false;
            }
            if (provider.SecretId is null)
            {
                set.Set(Critical(ConditionTypes.SecretNotValid, ConditionReasons.NotSet, "The `secret` is not valid."), now);
                valid = false;
            }
            else if (secretKeys is not null && MissingSecretKeys(provider.Type, secretKeys) is { Count: > 0 } missing)
            {
                set.Set(Critical(ConditionTypes.SecretNotValid, ConditionReasons.DataErr, "The `secret` missing required data.") with
                {
                    Items = missing,
                    Suggestion = "Edit the provider and type the credentials again (a secret also becomes unreadable when the data folder's keys are lost).",
                }, now);
                valid = false;
            }
        }
        return valid;
    }

    private static Condition Required(string type, string reason, string message) =>
        new() { Type = type, Category = ConditionCategory.Required, Reason = reason, Message = message };

    private static Condition Critical(string type, string reason, string message) =>
        new() { Type = type, Category = ConditionCategory.Critical, Reason = reason, Message = message };
}
