using FluentValidation;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Mapping;

/// <summary>What the storage map editor edits: one row per datastore.</summary>
public sealed class StorageMapForm
{
    public string Name { get; set; } = "";
    public Guid SourceProviderId { get; set; }
    public Guid DestinationProviderId { get; set; }
    public List<StorageRow> Rows { get; set; } = [];

    public static StorageMapForm From(StorageMap map) => new()
    {
        Name = map.Name,
        SourceProviderId = map.SourceProviderId,
        DestinationProviderId = map.DestinationProviderId,
        Rows = [.. map.Entries.Select(e => new StorageRow
        {
            SourceDatastoreId = e.Source.Id ?? e.Source.Name ?? "",
            StorageClass = e.StorageClass,
            VolumeMode = e.VolumeMode,
            AccessMode = e.AccessMode,
        })],
    };

    public IReadOnlyList<StorageMapEntry> ToEntries() =>
        [.. Rows.Select(r => new StorageMapEntry(Ref.ById(r.SourceDatastoreId), r.StorageClass, r.VolumeMode, r.AccessMode))];
}

public sealed class StorageRow
{
    public string SourceDatastoreId { get; set; } = "";
    public string StorageClass { get; set; } = "";

    /// <summary>Null = the storage class's default.</summary>
    public VolumeMode? VolumeMode { get; set; }

    /// <summary>Null = the storage class's default.</summary>
    public AccessMode? AccessMode { get; set; }
}

public sealed class StorageMapFormValidator : AbstractValidator<StorageMapForm>
{
    public StorageMapFormValidator()
    {
        RuleFor(f => f.Name).Must(n => ResourceNames.Dns1123Problem(n) is null)
            .WithMessage(f => $"The name {ResourceNames.Dns1123Problem(f.Name)}.");
        RuleFor(f => f.SourceProviderId).NotEqual(Guid.Empty).WithMessage("Pick the source provider.");
        RuleFor(f => f.DestinationProviderId).NotEqual(Guid.Empty).WithMessage("Pick the target provider.");
        RuleFor(f => f.Rows).NotEmpty().WithMessage("Add at least one mapping.");
        RuleForEach(f => f.Rows).ChildRules(row =>
        {
            row.RuleFor(r => r.SourceDatastoreId).NotEmpty().WithMessage("Pick a datastore.");
            row.RuleFor(r => r.StorageClass).NotEmpty().WithMessage("Pick a storage class.");
        });
    }
}
