using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>
/// The provider-pair conditions maps and plans share (reference §2.1): the source must be a vSphere
/// provider and the destination an OpenShift provider, both existing and Ready.
/// </summary>
public static class ProviderPairValidator
{
    public static void Validate(MappedResource resource, Provider? source, Provider? destination, ConditionSet set, DateTimeOffset now)
    {
        Check(resource.SourceProviderId, source, ProviderType.Vsphere, "Source", ConditionTypes.SourceProviderNotValid, ConditionTypes.SourceProviderNotReady, set, now);
        Check(resource.DestinationProviderId, destination, ProviderType.OpenShift, "Destination", ConditionTypes.DestinationProviderNotValid, ConditionTypes.DestinationProviderNotReady, set, now);
    }

    private static void Check(Guid id, Provider? provider, ProviderType expected, string side, string notValid, string notReady, ConditionSet set, DateTimeOffset now)
    {
        if (id == Guid.Empty)
            set.Set(Make.Critical(notValid, ConditionReasons.NotSet, $"{side} provider is not set."), now);
        else if (provider is null)
            set.Set(Make.Critical(notValid, ConditionReasons.NotFound, $"{side} provider not found."), now);
        else if (provider.Type != expected)
            set.Set(Make.Critical(notValid, ConditionReasons.TypeNotValid,
                $"{side} provider '{provider.Name}' must be {(expected == ProviderType.Vsphere ? "a vSphere" : "an OpenShift")} provider."), now);
        else if (!provider.IsReady)
            set.Set(Make.Critical(notReady, "", $"{side} provider '{provider.Name}' does not have the Ready condition.",
                suggestion: provider.FirstBlocker?.Message), now);
    }
}
