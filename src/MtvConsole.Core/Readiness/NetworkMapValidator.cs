using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>
/// Network map conditions (reference §2.3) and its resolved references. A NAD that does not exist in the
/// destination inventory is Critical and names the missing <c>namespace/name</c> with the fix; when the
/// NAD appears, the next validation pass makes the map Ready with no edit.
/// </summary>
public static class NetworkMapValidator
{
    public const string ReadyMessage = "The network map is ready.";

    public static void Validate(NetworkMap map, Provider? source, Provider? destination,
        VsphereInventory? sourceInventory, TargetInventory? targetInventory, DateTimeOffset now)
    {
        var references = new List<string>();
        map.Validate(now, set =>
        {
            ProviderPairValidator.Validate(map, source, destination, set, now);
            if (map.Entries.Count == 0)
                set.Set(Make.Critical(ConditionTypes.SourceNetworkNotValid, ConditionReasons.NotSet, "The map has no rows: add at least one source network."), now);
            if (sourceInventory is not null) ValidateSources(map, sourceInventory, references, set, now);
            if (targetInventory is not null) ValidateDestinations(map, targetInventory, set, now);
        }, ReadyMessage);
        if (sourceInventory is not null) map.References = references;
    }

    private static void ValidateSources(NetworkMap map, VsphereInventory inventory, List<string> references, ConditionSet set, DateTimeOffset now)
    {
        var batch = RefBatch<Network>.Resolve(map.Entries.Select(e => e.Source), inventory.Networks, n => n.Id, n => n.Name, n => n.Path, "Network");
        references.AddRange(batch.Found.Select(n => n.Id));
        batch.SetSourceConditions(set, now, ConditionTypes.SourceNetworkNotValid, "Source network",
            "Pick a network that exists on the source provider, or remove the row.");
    }

    private static void ValidateDestinations(NetworkMap map, TargetInventory inventory, ConditionSet set, DateTimeOffset now)
    {
        var nads = inventory.NetworkAttachmentDefinitions.Select(n => n.QualifiedName).ToHashSet(StringComparer.Ordinal);
        var multus = map.Entries.Where(e => e.DestinationType == NetworkDestinationType.Multus).ToList();
        var noNamespace = multus.Where(e => string.IsNullOrWhiteSpace(e.DestinationNamespace) || string.IsNullOrWhiteSpace(e.DestinationName))
            .Select(e => e.DestinationName ?? "").ToList();
        if (noNamespace.Count > 0)
        {
            set.Set(Make.Critical(ConditionTypes.DestinationNetworkNotValid, ConditionReasons.Ambiguous, "Destination network (NAD) namespace required.", noNamespace,
                "Write the NetworkAttachmentDefinition as namespace/name."), now);
            return;
        }
        var missing = multus.Select(e => $"{e.DestinationNamespace}/{e.DestinationName}").Where(n => !nads.Contains(n)).Distinct().ToList();
        if (missing.Count > 0)
        {
            set.Set(Make.Critical(ConditionTypes.DestinationNetworkNotValid, ConditionReasons.NotFound,
                $"Destination network not found: {string.Join(", ", missing)}.", missing,
                $"Create the NetworkAttachmentDefinition {string.Join(", ", missing)} on the target cluster (the map becomes Ready by itself once it exists), or map the network to the pod network or ignore it."), now);
        }
    }
}
