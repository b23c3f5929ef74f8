using System.Xml.Linq;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Collector;

/// <summary>One managed object of a RetrievePropertiesEx answer: its reference and its properties (path → value element).</summary>
internal sealed record ObjectContent(string Type, string Id, IReadOnlyList<KeyValuePair<string, XElement?>> Properties)
{
    public static ObjectContent Parse(XElement objects)
    {
        var obj = objects.Child("obj");
        var props = objects.Children("propSet")
            .Select(p => new KeyValuePair<string, XElement?>(p.ChildText("name") ?? "", p.Child("val")))
            .ToList();
        return new ObjectContent(obj?.Attribute("type")?.Value ?? "", obj?.Value ?? "", props);
    }
}

internal enum ObjectUpdateKind
{
    Enter,
    Modify,
    Leave,
}

/// <summary>One object of a WaitForUpdatesEx answer: entered, modified (with its changed properties) or left; read by <see cref="StoredObjectReader.ReadUpdate"/>.</summary>
internal sealed record ObjectUpdate(ObjectUpdateKind Kind, string Type, string Id, IReadOnlyList<PropertyChange> Changes);

/// <summary>
/// A property change: <c>assign</c> (with a value), <c>add</c>, <c>remove</c> or <c>indirectRemove</c>; the value is
/// already parsed as the store keeps it (<see cref="Mapping.PropertyParsers"/>).
/// </summary>
internal sealed record PropertyChange(string Name, string Op, object? Value)
{
    public bool Removes => Op is "remove" or "indirectRemove";
}
