using System.Xml;
using System.Xml.Linq;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Collector;

/// <summary>
/// The PropertyCollector and ViewManager calls: container views, RetrievePropertiesEx with the
/// ContinueRetrievePropertiesEx paging loop (always followed while a token comes back), single-object
/// reads, property filters and WaitForUpdatesEx. Answers are read object by object.
/// </summary>
internal sealed class PropertyCollector(VimClient client)
{
    public async Task<string> CreateContainerViewAsync(IEnumerable<string> types, CancellationToken ct)
    {
        await client.ConnectAsync(ct).ConfigureAwait(false);
        var content = client.Content;
        var response = await client.InvokeAsync("CreateContainerView", "ViewManager", content.ViewManager,
        [
            Vim.Ref("container", "Folder", content.RootFolder),
            .. types.Select(t => Vim.El("type", t)),
            Vim.El("recursive", true),
        ], ct).ConfigureAwait(false);
        return response.ChildText("returnval") ?? throw new VimFaultException("InvalidResponse", "CreateContainerView returned no view.", "CreateContainerView");
    }

    /// <summary>A PropertyFilterSpec over every object of a container view, with the given paths per type.</summary>
    public static XElement[] ViewSpec(string viewId, IReadOnlyDictionary<string, string[]> pathsByType) =>
    [
        .. pathsByType.Select(p => Vim.El("propSet", Vim.El("type", p.Key), Vim.El("all", false), p.Value.Select(path => Vim.El("pathSet", path)))),
        Vim.El("objectSet",
            Vim.Ref("obj", "ContainerView", viewId),
            Vim.El("skip", true),
            Vim.Typed("selectSet", "TraversalSpec",
                Vim.El("name", "view"), Vim.El("type", "ContainerView"), Vim.El("path", "view"), Vim.El("skip", false))),
    ];

    /// <summary>A PropertyFilterSpec of one object.</summary>
    public static XElement[] ObjectSpec(string type, string id, IEnumerable<string> paths) =>
    [
        Vim.El("propSet", Vim.El("type", type), Vim.El("all", false), paths.Select(path => Vim.El("pathSet", path))),
        Vim.El("objectSet", Vim.Ref("obj", type, id), Vim.El("skip", false)),
    ];

    /// <summary>
    /// A PropertyFilterSpec of the listed objects of one type; an object deleted since it was listed is left out of the
    /// answer (<c>reportMissingObjectsInResults</c>) instead of failing the whole retrieval.
    /// </summary>
    public static XElement[] ObjectsSpec(string type, IEnumerable<string> ids, IEnumerable<string> paths) =>
    [
        Vim.El("propSet", Vim.El("type", type), Vim.El("all", false), paths.Select(path => Vim.El("pathSet", path))),
        .. ids.Select(id => Vim.El("objectSet", Vim.Ref("obj", type, id), Vim.El("skip", false))),
        Vim.El("reportMissingObjectsInResults", true),
    ];

    /// <summary>The ids of the objects of <paramref name="type"/> in a container view now (its <c>view</c> property).</summary>
    public async Task<List<string>> ViewMembersAsync(string viewId, string type, CancellationToken ct)
    {
        var view = await RetrieveOneAsync("ContainerView", viewId, ["view"], ct).ConfigureAwait(false);
        var members = view?.Properties.FirstOrDefault(p => p.Key == "view").Value;
        if (members is null) return [];
        return [.. members.Elements().Where(m => m.Attribute("type")?.Value == type).Select(m => m.Value)];
    }

    /// <summary>Retrieves every object of a spec, page by page, handing each to <paramref name="onObject"/> as it is read.</summary>
    /// <remarks><paramref name="collectorId"/> is a collector of <see cref="CreateCollectorAsync"/>; the session's shared one when null.</remarks>
    public Task RetrieveAsync(XElement[] spec, int maxObjects, Action<ObjectContent> onObject, CancellationToken ct, string? collectorId = null) =>
        RetrievePagesAsync(spec, maxObjects, r => onObject(ObjectContent.Parse((XElement)XNode.ReadFrom(r))), ct, collectorId);

    /// <summary>
    /// Like <see cref="RetrieveAsync"/>, but each object is read straight into what the store keeps
    /// (<see cref="StoredObjectReader"/>): the full load's path, where the answer is most of the client's work.
    /// </summary>
    public Task RetrieveStoredAsync(XElement[] spec, int maxObjects, Action<string, StoredObject> onObject, CancellationToken ct, string? collectorId = null) =>
        RetrievePagesAsync(spec, maxObjects, r =>
        {
            var (id, stored) = StoredObjectReader.Read(r);
            onObject(id, stored);
        }, ct, collectorId);

    private async Task RetrievePagesAsync(XElement[] spec, int maxObjects, Action<XmlReader> readObject, CancellationToken ct, string? collectorId)
    {
        await client.ConnectAsync(ct).ConfigureAwait(false);
        var pc = collectorId ?? client.Content.PropertyCollector;
        var token = await client.InvokeStreamingAsync("RetrievePropertiesEx", "PropertyCollector", pc,
            [Vim.El("specSet", spec), Vim.El("options", Vim.El("maxObjects", maxObjects))],
            r => ReadResult(r, readObject), ct).ConfigureAwait(false);
        while (token is not null)
        {
            var current = token;
            token = await client.InvokeStreamingAsync("ContinueRetrievePropertiesEx", "PropertyCollector", pc,
                [Vim.El("token", current)], r => ReadResult(r, readObject), ct).ConfigureAwait(false);
        }
    }

    /// <summary>The properties of one object, or null when the object does not exist.</summary>
    public async Task<ObjectContent?> RetrieveOneAsync(string type, string id, IEnumerable<string> paths, CancellationToken ct)
    {
        ObjectContent? found = null;
        try
        {
            await RetrieveAsync(ObjectSpec(type, id, paths), 100, o => found = o, ct).ConfigureAwait(false);
        }
        catch (VimFaultException e) when (e.FaultName == "ManagedObjectNotFound")
        {
            return null;
        }
        return found;
    }

    /// <summary>A PropertyCollector of this session alone (CreatePropertyCollector), for one of several retrievals running at once.</summary>
    public async Task<string> CreateCollectorAsync(CancellationToken ct)
    {
        await client.ConnectAsync(ct).ConfigureAwait(false);
        var response = await client.InvokeAsync("CreatePropertyCollector", "PropertyCollector", client.Content.PropertyCollector, [], ct).ConfigureAwait(false);
        return response.ChildText("returnval")
               ?? throw new VimFaultException("InvalidResponse", "CreatePropertyCollector returned no collector.", "CreatePropertyCollector");
    }

    public Task DestroyCollectorAsync(string collectorId, CancellationToken ct) =>
        client.InvokeAsync("DestroyPropertyCollector", "PropertyCollector", collectorId, [], ct);

    public async Task<string> CreateFilterAsync(XElement[] spec, CancellationToken ct)
    {
        await client.ConnectAsync(ct).ConfigureAwait(false);
        var response = await client.InvokeAsync("CreateFilter", "PropertyCollector", client.Content.PropertyCollector,
            [Vim.El("spec", spec), Vim.El("partialUpdates", false)], ct).ConfigureAwait(false);
        return response.ChildText("returnval") ?? throw new VimFaultException("InvalidResponse", "CreateFilter returned no filter.", "CreateFilter");
    }

    /// <summary>
    /// WaitForUpdatesEx from <paramref name="version"/> ("" for everything), waiting up to <paramref name="maxWaitSeconds"/>
    /// (0: check once). Returns the new version, or the same one when nothing changed.
    /// </summary>
    public async Task<string> WaitForUpdatesAsync(string version, int maxWaitSeconds, Action<ObjectUpdate> onUpdate, CancellationToken ct)
    {
        await client.ConnectAsync(ct).ConfigureAwait(false);
        var next = await client.InvokeStreamingAsync("WaitForUpdatesEx", "PropertyCollector", client.Content.PropertyCollector,
            [Vim.El("version", version), Vim.El("options", Vim.El("maxWaitSeconds", maxWaitSeconds))],
            r => ReadUpdates(r, onUpdate), ct).ConfigureAwait(false);
        return next ?? version;
    }

    private static string? ReadResult(XmlReader r, Action<XmlReader> readObject)
    {
        string? token = null;
        Walk(r, () =>
        {
            switch (r.LocalName)
            {
                case "token":
                    token = r.ReadElementContentAsString();
                    return true;
                case "objects":
                    readObject(r);
                    return true;
                default:
                    return false;
            }
        });
        return string.IsNullOrEmpty(token) ? null : token;
    }

    private static string? ReadUpdates(XmlReader r, Action<ObjectUpdate> onUpdate)
    {
        string? version = null;
        Walk(r, () =>
        {
            switch (r.LocalName)
            {
                case "version":
                    version = r.ReadElementContentAsString();
                    return true;
                case "objectSet":
                    onUpdate(StoredObjectReader.ReadUpdate(r));
                    return true;
                case "filter":
                case "truncated":
                    r.Skip();
                    return true;
                default:
                    return false;
            }
        });
        return version;
    }

    /// <summary>
    /// Walks the elements below the response element; <paramref name="onElement"/> consumes an element and returns
    /// true, or returns false to descend into it.
    /// </summary>
    private static void Walk(XmlReader r, Func<bool> onElement)
    {
        if (r.IsEmptyElement) return;
        var depth = r.Depth;
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType == XmlNodeType.Element && r.Depth > depth && onElement()) continue;
            r.Read();
        }
    }
}
