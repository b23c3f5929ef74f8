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

/// <summary>One object of a WaitForUpdatesEx answer: entered, modified (with its changed properties) or left.</summary>
internal sealed record ObjectUpdate(ObjectUpdateKind Kind, string Type, string Id, IReadOnlyList<PropertyChange> Changes)
{
    public static ObjectUpdate Parse(XElement objectSet)
    {
        var kind = objectSet.ChildText("kind") switch
        {
            "enter" => ObjectUpdateKind.Enter,
            "leave" => ObjectUpdateKind.Leave,
            _ => ObjectUpdateKind.Modify,
        };
        var obj = objectSet.Child("obj");
        var changes = objectSet.Children("changeSet")
            .Select(c => new PropertyChange(c.ChildText("name") ?? "", c.ChildText("op") ?? "assign", c.Child("val")))
            .ToList();
        return new ObjectUpdate(kind, obj?.Attribute("type")?.Value ?? "", obj?.Value ?? "", changes);
    }
}

/// <summary>A property change: <c>assign</c> (with a value), <c>add</c>, <c>remove</c> or <c>indirectRemove</c>.</summary>
internal sealed record PropertyChange(string Name, string Op, XElement? Value)
{
    public bool Removes => Op is "remove" or "indirectRemove";
}
