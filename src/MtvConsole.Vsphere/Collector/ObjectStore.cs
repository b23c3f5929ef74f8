using MtvConsole.Vsphere.Mapping;

namespace MtvConsole.Vsphere.Collector;

/// <summary>A managed object as collected: its type and parsed property values by path.</summary>
internal sealed class StoredObject(string type)
{
    public string Type { get; } = type;

    public Dictionary<string, object?> Props { get; } = new(StringComparer.Ordinal);

    public T? Get<T>(string path) where T : class => Props.GetValueOrDefault(path) as T;

    public string Text(string path) => Props.GetValueOrDefault(path) as string ?? "";

    /// <summary>An object of a retrieval with its values parsed (see <see cref="PropertyParsers"/>); needs no store, so pages can be parsed in parallel.</summary>
    public static StoredObject From(ObjectContent content)
    {
        var stored = new StoredObject(content.Type);
        foreach (var (path, value) in content.Properties) stored.Props[path] = PropertyParsers.Parse(path, value);
        return stored;
    }
}

/// <summary>
/// The collected inventory objects by id, filled by a full retrieval and kept current by WaitForUpdatesEx
/// (enter, modify, leave). <see cref="Revision"/> moves on every change.
/// </summary>
internal sealed class ObjectStore
{
    private readonly Dictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);

    public long Revision { get; private set; }

    public IReadOnlyDictionary<string, StoredObject> Objects => _objects;

    public void Clear()
    {
        _objects.Clear();
        Revision++;
    }

    public void Put(ObjectContent content) => Put(content.Id, StoredObject.From(content));

    public void Put(string id, StoredObject stored)
    {
        _objects[id] = stored;
        Revision++;
    }

    /// <summary>
    /// Replaces the <paramref name="paths"/> of a known object with a re-read (after one of our own operations);
    /// a path the answer leaves out is unset (vCenter omits unset properties).
    /// </summary>
    public void Merge(ObjectContent content, IEnumerable<string> paths)
    {
        if (!_objects.TryGetValue(content.Id, out var stored))
        {
            Put(content);
            return;
        }
        foreach (var path in paths) stored.Props[path] = null;
        foreach (var (path, value) in content.Properties) stored.Props[path] = PropertyParsers.Parse(path, value);
        Revision++;
    }

    /// <summary>Applies one object update; returns whether it changed anything.</summary>
    public bool Apply(ObjectUpdate update)
    {
        if (update.Kind == ObjectUpdateKind.Leave)
        {
            var removed = _objects.Remove(update.Id);
            if (removed) Revision++;
            return removed;
        }
        if (update.Kind == ObjectUpdateKind.Enter || !_objects.TryGetValue(update.Id, out var stored))
        {
            stored = new StoredObject(update.Type);
            _objects[update.Id] = stored;
        }
        foreach (var change in update.Changes)
            stored.Props[change.Name] = change.Removes ? null : change.Value;
        Revision++;
        return true;
    }
}
