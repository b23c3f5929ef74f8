using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Mapping;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// Turns map requests into the editors' forms, with the editors' rules; field names in errors are the
/// request's (<c>entries[1].nad</c>). Provider names become ids; unknown names are errors.
/// </summary>
internal static class MapRequests
{
    public static NetworkMapForm ToForm(NetworkMapRequest r, string name, IReadOnlyDictionary<string, Guid> providers, Dictionary<string, string> errors)
    {
        var form = new NetworkMapForm { Name = name, SourceProviderId = Provider(r.SourceProvider, "sourceProvider", providers, errors),
            DestinationProviderId = Provider(r.DestinationProvider, "destinationProvider", providers, errors) };
        form.Rows = NetworkRows(r.Entries, "entries", errors);
        foreach (var failure in new NetworkMapFormValidator().Validate(form).Errors)
            errors.TryAdd(FieldName(failure.PropertyName), failure.ErrorMessage);
        return form;
    }

    public static List<NetworkRow> NetworkRows(IReadOnlyList<NetworkMapEntryDto>? entries, string field, Dictionary<string, string> errors)
    {
        var rows = new List<NetworkRow>();
        entries ??= [];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            NetworkDestinationType destination = NetworkDestinationType.Pod;
            if (!Enum.TryParse(e.Destination, ignoreCase: true, out destination) || int.TryParse(e.Destination, out _))
                errors[$"{field}[{i}].destination"] = "destination must be pod, multus or ignored.";
            rows.Add(new NetworkRow { SourceNetworkId = e.Source ?? "", Destination = destination, Nad = e.Nad ?? "" });
        }
        return rows;
    }

    public static StorageMapForm ToForm(StorageMapRequest r, string name, IReadOnlyDictionary<string, Guid> providers, Dictionary<string, string> errors)
    {
        var form = new StorageMapForm { Name = name, SourceProviderId = Provider(r.SourceProvider, "sourceProvider", providers, errors),
            DestinationProviderId = Provider(r.DestinationProvider, "destinationProvider", providers, errors) };
        form.Rows = StorageRows(r.Entries, "entries", errors);
        foreach (var failure in new StorageMapFormValidator().Validate(form).Errors)
            errors.TryAdd(FieldName(failure.PropertyName), failure.ErrorMessage);
        return form;
    }

    public static List<StorageRow> StorageRows(IReadOnlyList<StorageMapEntryDto>? entries, string field, Dictionary<string, string> errors)
    {
        var rows = new List<StorageRow>();
        entries ??= [];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var row = new StorageRow { SourceDatastoreId = e.Source ?? "", StorageClass = e.StorageClass ?? "" };
            if (!string.IsNullOrEmpty(e.VolumeMode))
            {
                if (Enum.TryParse<VolumeMode>(e.VolumeMode, true, out var mode) && !int.TryParse(e.VolumeMode, out _)) row.VolumeMode = mode;
                else errors[$"{field}[{i}].volumeMode"] = "volumeMode must be Filesystem or Block (or left out).";
            }
            if (!string.IsNullOrEmpty(e.AccessMode))
            {
                if (Enum.TryParse<AccessMode>(e.AccessMode, true, out var access) && !int.TryParse(e.AccessMode, out _)) row.AccessMode = access;
                else errors[$"{field}[{i}].accessMode"] = "accessMode must be ReadWriteOnce, ReadWriteMany or ReadOnlyMany (or left out).";
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The forms' property paths (<c>Rows[0].Nad</c>) as the request's field names (<c>entries[0].nad</c>).</summary>
    public static string FieldName(string property, string entries = "entries") => property switch
    {
        "SourceProviderId" => "sourceProvider",
        "DestinationProviderId" => "destinationProvider",
        "Name" => "name",
        _ => string.Join('.', property.Replace("Rows", entries, StringComparison.Ordinal).Split('.').Select(part => part switch
        {
            "SourceNetworkId" or "SourceDatastoreId" => "source",
            "Destination" => "destination",
            "Nad" => "nad",
            "StorageClass" => "storageClass",
            _ => part,
        })),
    };

    public static Guid Provider(string? name, string field, IReadOnlyDictionary<string, Guid> providers, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(name)) return Guid.Empty; // the form's rule names the missing provider
        if (providers.TryGetValue(name, out var id)) return id;
        errors[field] = $"No provider named '{name}'.";
        return Guid.Empty;
    }
}
