using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Api.V1;

/// <summary>A network map. Entry <c>destination</c> is <c>pod</c>, <c>multus</c> (with <c>nad</c> as namespace/name) or <c>ignored</c>.</summary>
public sealed record NetworkMapDto(string Name, string SourceProvider, string DestinationProvider, IReadOnlyList<NetworkMapEntryDto> Entries,
    long Generation, DateTimeOffset CreatedAt, IReadOnlyList<ConditionDto> Conditions)
{
    public static NetworkMapDto From(NetworkMap map, IReadOnlyDictionary<Guid, string> providers) => new(
        map.Name, providers.GetValueOrDefault(map.SourceProviderId, ""), providers.GetValueOrDefault(map.DestinationProviderId, ""),
        [.. map.Entries.Select(e => new NetworkMapEntryDto(e.Source.Id ?? e.Source.Name ?? "", e.DestinationType.ToString().ToLowerInvariant(),
            e.DestinationType == NetworkDestinationType.Multus ? $"{e.DestinationNamespace}/{e.DestinationName}" : null))],
        map.Generation, map.CreatedAt, ConditionDto.From(map.Conditions));
}

public sealed record NetworkMapEntryDto(string Source, string Destination, string? Nad = null);

public sealed record NetworkMapRequest(string? Name, string? SourceProvider, string? DestinationProvider, IReadOnlyList<NetworkMapEntryDto>? Entries);

/// <summary>A storage map. <c>volumeMode</c> (Filesystem, Block) and <c>accessMode</c> (ReadWriteOnce, ReadWriteMany, ReadOnlyMany) may be left out for the class's default.</summary>
public sealed record StorageMapDto(string Name, string SourceProvider, string DestinationProvider, IReadOnlyList<StorageMapEntryDto> Entries,
    long Generation, DateTimeOffset CreatedAt, IReadOnlyList<ConditionDto> Conditions)
{
    public static StorageMapDto From(StorageMap map, IReadOnlyDictionary<Guid, string> providers) => new(
        map.Name, providers.GetValueOrDefault(map.SourceProviderId, ""), providers.GetValueOrDefault(map.DestinationProviderId, ""),
        [.. map.Entries.Select(e => new StorageMapEntryDto(e.Source.Id ?? e.Source.Name ?? "", e.StorageClass, e.VolumeMode?.ToString(), e.AccessMode?.ToString()))],
        map.Generation, map.CreatedAt, ConditionDto.From(map.Conditions));
}

public sealed record StorageMapEntryDto(string Source, string StorageClass, string? VolumeMode = null, string? AccessMode = null);

public sealed record StorageMapRequest(string? Name, string? SourceProvider, string? DestinationProvider, IReadOnlyList<StorageMapEntryDto>? Entries);
