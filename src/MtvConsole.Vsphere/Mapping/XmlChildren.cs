using System.Xml;

namespace MtvConsole.Vsphere.Mapping;

/// <summary>Forward-only reading of an element's children with an <see cref="XmlReader"/>, without building XML nodes.</summary>
internal static class XmlChildren
{
    /// <summary>
    /// Calls <paramref name="onChild"/> for each child element of the element the reader is on; the callback must consume
    /// that child (read its content or <see cref="XmlReader.Skip"/>). Leaves the reader after the element's end.
    /// </summary>
    public static void ForEach<TState>(XmlReader r, TState state, Action<XmlReader, TState> onChild)
    {
        if (r.IsEmptyElement)
        {
            r.Read();
            return;
        }
        var depth = r.Depth;
        r.Read();
        while (!r.EOF)
        {
            if (r.NodeType == XmlNodeType.EndElement && r.Depth == depth)
            {
                r.Read();
                return;
            }
            if (r.NodeType == XmlNodeType.Element) onChild(r, state);
            else r.Read();
        }
    }

    /// <summary>The <c>xsi:type</c> of the element the reader is on, without its prefix.</summary>
    public static string? XsiType(XmlReader r)
    {
        var value = r.GetAttribute("type", "http://www.w3.org/2001/XMLSchema-instance");
        if (value is null) return null;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? value : value[(colon + 1)..];
    }

    /// <summary>Whether the element's <c>xsi:type</c> is an XML Schema primitive (<c>xsd:string</c>, <c>xsd:int</c> …).</summary>
    public static bool IsXsdPrimitive(XmlReader r)
    {
        var value = r.GetAttribute("type", "http://www.w3.org/2001/XMLSchema-instance");
        if (value is null) return false;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && r.LookupNamespace(value[..colon]) == "http://www.w3.org/2001/XMLSchema";
    }
}
