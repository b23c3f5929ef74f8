using MtvConsole.Core.References;

namespace MtvConsole.Core.Resources;

public enum NetworkDestinationType
{
    Pod,
    Multus,
    Ignored,
}

/// <summary>A network map: source networks to the pod network, a NetworkAttachmentDefinition, or ignored.</summary>
public sealed class NetworkMap : MappedResource
{
    public List<NetworkMapEntry> Entries { get; set; } = [];

    /// <summary>Resolved source network ids (<c>status.references</c>); plans check VM NICs against these.</summary>
    public List<string> References { get; set; } = [];
}

public sealed record NetworkMapEntry(Ref Source, NetworkDestinationType DestinationType, string? DestinationNamespace = null, string? DestinationName = null);
