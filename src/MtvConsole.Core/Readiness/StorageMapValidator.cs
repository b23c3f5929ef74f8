using MtvConsole.Core.Conditions;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>Storage map conditions (reference §2.4) and its resolved datastore references.</summary>
public static class StorageMapValidator
{
    public const string ReadyMessage = "The storage map is ready.";

    public static void Validate(StorageMap map, Provider? source, Provider? destination,
        VsphereInventory? sourceInventory, TargetInventory? targetInventory, DateTimeOffset now)
    {
        var references = new List<string>();
        map.Validate(now, set =>
        {
            ProviderPairValidator.Validate(map, source, destination, set, now);
            if (map.Entries.Count == 0)
                set.Set(Make.Critical(ConditionTypes.SourceStorageNotValid, ConditionReasons.NotSet, "The map has no rows: add at least one datastore."), now);
            if (sourceInventory is not null) ValidateSources(map, sourceInventory, references, set, now);
            if (targetInventory is not null)
            {
                var classes = targetInventory.StorageClasses.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
                var missing = map.Entries.Select(e => e.StorageClass).Where(c => !classes.Contains(c)).Distinct().ToList();
                if (missing.Count > 0)
                    set.Set(Make.Critical(ConditionTypes.DestinationStorageNotValid, ConditionReasons.NotFound, "Destination storage not valid.", missing,
                        $"Storage class {string.Join(", ", missing)} does not exist on the target cluster; pick an existing storage class."), now);
            }
        }, ReadyMessage);
        if (sourceInventory is not null) map.References = references;
    }

    private static void ValidateSources(StorageMap map, VsphereInventory inventory, List<string> references, ConditionSet set, DateTimeOffset now)
    {
        var batch = RefBatch<Datastore>.Resolve(map.Entries.Select(e => e.Source), inventory.Datastores, d => d.Id, d => d.Name, d => d.Path, "Datastore");
        references.AddRange(batch.Found.Select(d => d.Id));
        batch.SetSourceConditions(set, now, ConditionTypes.SourceStorageNotValid, "Source storage",
            "Pick a datastore that exists on the source provider, or remove the row.");
    }
}
