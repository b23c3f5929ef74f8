using System.Xml;
using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Vsphere.Mapping;

namespace MtvConsole.Vsphere.Collector;

/// <summary>
/// Reads one <c>ObjectContent</c> of a RetrievePropertiesEx answer straight into a <see cref="StoredObject"/>: primitives
/// and references as text and <see cref="ObjectRef"/>, devices forward-only (<see cref="DeviceParser"/>), and only the
/// other structured values as XML elements. The same result as <see cref="StoredObject.From"/> on the parsed element,
/// with far fewer allocations for the bulk of a full load.
/// </summary>
internal static class StoredObjectReader
{
    private sealed class State
    {
        public string Type = "";
        public string Id = "";
        public readonly List<KeyValuePair<string, object?>> Props = new(40);
        public string Name = "";
        public object? Value;
    }

    /// <summary>Reads the <c>objects</c> element the reader is on (consuming it).</summary>
    public static (string Id, StoredObject Stored) Read(XmlReader r)
    {
        var state = new State();
        XmlChildren.ForEach(r, state, static (r, s) =>
        {
            switch (r.LocalName)
            {
                case "obj":
                    s.Type = r.GetAttribute("type") ?? "";
                    s.Id = r.ReadElementContentAsString();
                    break;
                case "propSet":
                    s.Name = "";
                    s.Value = null;
                    XmlChildren.ForEach(r, s, static (r, s) =>
                    {
                        if (r.LocalName == "name") s.Name = r.ReadElementContentAsString();
                        else if (r.LocalName == "val") s.Value = s.Name.Length > 0 ? Value(s.Name, r) : XNode.ReadFrom(r);
                        else r.Skip();
                    });
                    if (s.Value is XElement early) s.Value = PropertyParsers.Parse(s.Name, early);
                    s.Props.Add(new(s.Name, s.Value));
                    break;
                default:
                    r.Skip();
                    break;
            }
        });
        var stored = new StoredObject(state.Type);
        foreach (var (path, value) in state.Props) stored.Props[path] = value;
        return (state.Id, stored);
    }

    private sealed class UpdateState
    {
        public string Kind = "", Type = "", Id = "";
        public readonly List<PropertyChange> Changes = [];
        public string Name = "", Op = "";
        public object? Value;
    }

    /// <summary>Reads the <c>objectSet</c> element of a WaitForUpdatesEx answer the reader is on (consuming it), values parsed as for <see cref="Read"/>.</summary>
    public static ObjectUpdate ReadUpdate(XmlReader r)
    {
        var state = new UpdateState();
        XmlChildren.ForEach(r, state, static (r, s) =>
        {
            switch (r.LocalName)
            {
                case "kind":
                    s.Kind = r.ReadElementContentAsString();
                    break;
                case "obj":
                    s.Type = r.GetAttribute("type") ?? "";
                    s.Id = r.ReadElementContentAsString();
                    break;
                case "changeSet":
                    s.Name = "";
                    s.Op = "";
                    s.Value = null;
                    XmlChildren.ForEach(r, s, static (r, s) =>
                    {
                        switch (r.LocalName)
                        {
                            case "name": s.Name = r.ReadElementContentAsString(); break;
                            case "op": s.Op = r.ReadElementContentAsString(); break;
                            case "val": s.Value = s.Name.Length > 0 ? Value(s.Name, r) : XNode.ReadFrom(r); break;
                            default: r.Skip(); break;
                        }
                    });
                    if (s.Value is XElement early) s.Value = PropertyParsers.Parse(s.Name, early);
                    s.Changes.Add(new PropertyChange(s.Name, s.Op.Length > 0 ? s.Op : "assign", s.Value));
                    break;
                default:
                    r.Skip();
                    break;
            }
        });
        var kind = state.Kind switch
        {
            "enter" => ObjectUpdateKind.Enter,
            "leave" => ObjectUpdateKind.Leave,
            _ => ObjectUpdateKind.Modify,
        };
        return new ObjectUpdate(kind, state.Type, state.Id, state.Changes);
    }

    /// <remarks>vim25 sends <c>name</c> before <c>val</c> in a propSet, so the path is known when the value is read.</remarks>
    private static object? Value(string path, XmlReader r)
    {
        if (path == "config.hardware.device") return DeviceParser.Parse(r);
        if (XmlChildren.IsXsdPrimitive(r)) return r.ReadElementContentAsString();
        if (XmlChildren.XsiType(r) == "ManagedObjectReference")
        {
            var kind = r.GetAttribute("type") ?? "";
            var id = r.ReadElementContentAsString();
            return id.Length == 0 ? null : new ObjectRef(kind, id);
        }
        return PropertyParsers.Parse(path, (XElement)XNode.ReadFrom(r));
    }
}
