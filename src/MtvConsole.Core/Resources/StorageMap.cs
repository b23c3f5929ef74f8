using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;

namespace MtvConsole.Core.Resources;

/// <summary>A storage map: datastores to storage classes, with volume and access mode (defaulted from the class when unset).</summary>
public sealed class StorageMap : MappedResource
{
    public List<StorageMapEntry> Entries { get; set; } = [];
    public List<string> References { get; set; } = [];
}

public sealed record StorageMapEntry(Ref Source, string StorageClass, VolumeMode? VolumeMode = null, AccessMode? AccessMode = null);
