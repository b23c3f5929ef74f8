using MtvConsole.Core.Conditions;

namespace MtvConsole.Core.Resources;

/// <summary>The outcome of testing a provider's connection and loading its inventory.</summary>
public sealed record ConnectionResult(bool Succeeded, string? Error, bool InventoryLoaded);

/// <summary>Sets a provider's conditions (reference §2.1) and phase from its spec and its connection test.</summary>
public static class ProviderValidation
{
    public static void Apply(Provider provider, ConnectionResult? connection, DateTimeOffset now)
    {
        var specValid = true;
        provider.Validate(now, set =>
        {
            specValid = ValidateSpec(provider, set, now);
            if (!specValid || connection is null) return;
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
            : connection is { Succeeded: false } ? ProviderPhase.ConnectionFailed
            : ProviderPhase.Staging;
    }

    private static bool ValidateSpec(Provider provider, ConditionSet set, DateTimeOffset now)
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
        }
        return valid;
    }

    private static Condition Required(string type, string reason, string message) =>
        new() { Type = type, Category = ConditionCategory.Required, Reason = reason, Message = message };

    private static Condition Critical(string type, string reason, string message) =>
        new() { Type = type, Category = ConditionCategory.Critical, Reason = reason, Message = message };
}
