using System.Globalization;
using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Mapping;

/// <summary>Reads vim25 values: primitives as text, references, arrays of references, child elements by name.</summary>
internal static class Values
{
    public static ObjectRef? Ref(XElement? element) =>
        element is null || string.IsNullOrEmpty(element.Value) ? null : new ObjectRef(element.Attribute("type")?.Value ?? "", element.Value);

    public static bool Bool(XElement? element, string name) => Bool(element?.Child(name));

    public static bool Bool(XElement? element) => element is not null && string.Equals(element.Value, "true", StringComparison.OrdinalIgnoreCase);

    public static long Long(XElement? element, string name) => Long(element?.Child(name));

    public static long Long(XElement? element) =>
        element is not null && long.TryParse(element.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    public static int Int(XElement? element, string name) => (int)Long(element, name);

    public static string Text(XElement? element, string name) => element?.Child(name)?.Value ?? "";

    /// <summary>
    /// A property value as stored: text for primitives and enums, <see cref="ObjectRef"/> for a reference, a list of
    /// references for <c>ArrayOfManagedObjectReference</c>, otherwise the element itself (parsed later by its mapper).
    /// </summary>
    public static object? Convert(XElement? value)
    {
        if (value is null) return null;
        var type = Vim.TypeOf(value);
        if (type == "ManagedObjectReference") return Ref(value);
        if (type == "ArrayOfManagedObjectReference") return value.Elements().Select(Ref).OfType<ObjectRef>().ToArray();
        if (!value.HasElements) return value.Value;
        if (value.Parent is not null) value.Remove();
        return value;
    }
}
