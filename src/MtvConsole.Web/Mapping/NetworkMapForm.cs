using FluentValidation;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Mapping;

/// <summary>What the network map editor edits: one row per source network.</summary>
public sealed class NetworkMapForm
{
    public string Name { get; set; } = "";
    public Guid SourceProviderId { get; set; }
    public Guid DestinationProviderId { get; set; }
    public List<NetworkRow> Rows { get; set; } = [];

    public static NetworkMapForm From(NetworkMap map) => new()
    {
        Name = map.Name,
        SourceProviderId = map.SourceProviderId,
        DestinationProviderId = map.DestinationProviderId,
        Rows = [.. map.Entries.Select(e => new NetworkRow
        {
            SourceNetworkId = e.Source.Id ?? e.Source.Name ?? "",
            Destination = e.DestinationType,
            Nad = e.DestinationType == NetworkDestinationType.Multus ? $"{e.DestinationNamespace}/{e.DestinationName}" : "",
        })],
    };

    public IReadOnlyList<NetworkMapEntry> ToEntries() => [.. Rows.Select(r => r.Destination == NetworkDestinationType.Multus
        ? new NetworkMapEntry(Ref.ById(r.SourceNetworkId), r.Destination, r.Nad.Split('/')[0].Trim(), r.Nad.Split('/').ElementAtOrDefault(1)?.Trim())
        : new NetworkMapEntry(Ref.ById(r.SourceNetworkId), r.Destination))];
}

public sealed class NetworkRow
{
    public string SourceNetworkId { get; set; } = "";
    public NetworkDestinationType Destination { get; set; } = NetworkDestinationType.Pod;

    /// <summary>The NetworkAttachmentDefinition as <c>namespace/name</c> (may name one that does not exist yet).</summary>
    public string Nad { get; set; } = "";
}

/// <summary>Field-level rules of the network map editor; every message says what to do.</summary>
public sealed class NetworkMapFormValidator : AbstractValidator<NetworkMapForm>
{
    public NetworkMapFormValidator()
    {
        RuleFor(f => f.Name).Must(n => ResourceNames.Dns1123Problem(n) is null)
            .WithMessage(f => $"The name {ResourceNames.Dns1123Problem(f.Name)}.");
        RuleFor(f => f.SourceProviderId).NotEqual(Guid.Empty).WithMessage("Pick the source provider.");
        RuleFor(f => f.DestinationProviderId).NotEqual(Guid.Empty).WithMessage("Pick the target provider.");
        RuleFor(f => f.Rows).NotEmpty().WithMessage("Add at least one mapping.");
        RuleFor(f => f.Rows).Must(rows => rows.Count(r => r.Destination == NetworkDestinationType.Pod) <= 1)
            .WithMessage("Only one source network can map to the pod network; map the others to a NetworkAttachmentDefinition or ignore them.");
        RuleFor(f => f.Rows).Must(rows => rows.Where(r => r.SourceNetworkId != "").GroupBy(r => r.SourceNetworkId).All(g => g.Count() == 1))
            .WithMessage("Each source network can be mapped once.");
        RuleForEach(f => f.Rows).ChildRules(row =>
        {
            row.RuleFor(r => r.SourceNetworkId).NotEmpty().WithMessage("Pick a source network.");
            row.RuleFor(r => r.Nad).Must(BeNamespacedName).When(r => r.Destination == NetworkDestinationType.Multus)
                .WithMessage("Write the NetworkAttachmentDefinition as namespace/name, for example vm-imports/prod-vlan-110.");
        });
    }

    public static bool BeNamespacedName(string value)
    {
        var parts = value.Split('/');
        return parts.Length == 2 && ResourceNames.IsDns1123Label(parts[0].Trim()) && parts[1].Trim().Length > 0;
    }
}
