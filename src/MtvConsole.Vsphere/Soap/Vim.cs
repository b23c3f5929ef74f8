using System.Globalization;
using System.Xml.Linq;

namespace MtvConsole.Vsphere.Soap;

/// <summary>The XML namespaces of vim25 SOAP and small builders for request elements.</summary>
internal static class Vim
{
    public static readonly XNamespace Ns = "urn:vim25";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";
    public static readonly XNamespace SoapEnv = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>A managed-object reference element, e.g. <c>&lt;_this type="VirtualMachine"&gt;vm-42&lt;/_this&gt;</c>.</summary>
    public static XElement Ref(string name, string type, string value) => new(Ns + name, new XAttribute("type", type), value);

    public static XElement El(string name, params object?[] content) => new(Ns + name, content);

    public static XElement El(string name, bool value) => new(Ns + name, value ? "true" : "false");

    public static XElement El(string name, long value) => new(Ns + name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>An element with an <c>xsi:type</c>: polymorphic values (devices, backings, selection specs, option values).</summary>
    public static XElement Typed(string name, string xsiType, params object?[] content) =>
        new(Ns + name, new XAttribute(Xsi + "type", xsiType), content);

    /// <summary>The <c>xsi:type</c> of an element read by namespace (vcsim writes another prefix than vCenter), without its prefix.</summary>
    public static string? TypeOf(XElement element)
    {
        var value = element.Attribute(Xsi + "type")?.Value;
        if (value is null) return null;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? value : value[(colon + 1)..];
    }

    public static XElement? Child(this XElement element, string name) => element.Element(Ns + name);

    public static string? ChildText(this XElement element, string name) => element.Element(Ns + name)?.Value;

    public static IEnumerable<XElement> Children(this XElement element, string name) => element.Elements(Ns + name);
}
