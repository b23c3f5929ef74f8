using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace MtvConsole.FakeKube;

/// <summary>
/// The fake cluster's etcd: objects by kind, namespace and name, one global resourceVersion, an event log
/// that watches replay from (older versions are compacted away and answer 410), optimistic concurrency on
/// update, and background garbage collection by owner references.
/// </summary>
public sealed class ObjectStore(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Key, string Ns, string Name), JsonObject> _objects = [];
    private readonly List<WatchEvent> _log = [];
    private readonly List<Channel<WatchEvent>> _watchers = [];
    private long _version = 1000;
    private long _compactedBelow;

    public long ResourceVersion
    {
        get
        {
            lock (_gate) return _version;
        }
    }

    public JsonObject? Get(ResourceType r, string ns, string name)
    {
        lock (_gate) return _objects.GetValueOrDefault((r.Key, ns, name))?.DeepClone().AsObject();
    }

    public (List<JsonObject> Items, long Version) List(ResourceType r, string? ns, Func<JsonObject, bool> filter)
    {
        lock (_gate)
        {
            var items = _objects.Where(o => o.Key.Key == r.Key && (ns is null || o.Key.Ns == ns) && filter(o.Value))
                .OrderBy(o => o.Key.Ns, StringComparer.Ordinal).ThenBy(o => o.Key.Name, StringComparer.Ordinal)
                .Select(o => o.Value.DeepClone().AsObject()).ToList();
            return (items, _version);
        }
    }

    public JsonObject Create(ResourceType r, string ns, JsonObject obj)
    {
        lock (_gate)
        {
            var meta = obj["metadata"] as JsonObject ?? throw KubeApiException.BadRequest("metadata is required");
            var name = meta["name"]?.GetValue<string>() ?? "";
            if (r.Namespaced && !_objects.ContainsKey((ResourceTypes.Namespace.Key, "", ns)))
                throw new KubeApiException(404, "NotFound", $"namespaces \"{ns}\" not found");
            if (_objects.ContainsKey((r.Key, ns, name))) throw KubeApiException.AlreadyExists(r, name);
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            meta["generation"] = 1;
            if (r.Namespaced) meta["namespace"] = ns;
            else meta.Remove("namespace");
            return Put(r, ns, name, obj, "ADDED");
        }
    }

    /// <summary>Replaces an object; a resourceVersion that is not the current one is a 409 conflict.</summary>
    public JsonObject Replace(ResourceType r, string ns, string name, JsonObject obj, bool keepStatus)
    {
        lock (_gate)
        {
            var current = _objects.GetValueOrDefault((r.Key, ns, name)) ?? throw KubeApiException.NotFound(r, name);
            var rv = obj["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(rv) && rv != current["metadata"]!["resourceVersion"]!.GetValue<string>()) throw KubeApiException.Conflict(r, name);
            var meta = obj["metadata"] as JsonObject ?? throw KubeApiException.BadRequest("metadata is required");
            foreach (var immutable in new[] { "uid", "creationTimestamp", "namespace", "name" })
                meta[immutable] = current["metadata"]![immutable]?.DeepClone();
            if (keepStatus)
            {
                obj.Remove("status");
                if (current["status"] is { } status) obj["status"] = status.DeepClone();
            }

            var specChanged = !JsonNode.DeepEquals(current["spec"], obj["spec"]);
            meta["generation"] = (JsonNumbers.Long(current["metadata"]!["generation"]) ?? 1) + (specChanged ? 1 : 0);
            return Put(r, ns, name, obj, "MODIFIED");
        }
    }

    /// <summary>Changes an object in place (controllers writing status); no-op when it is gone.</summary>
    public void Mutate(ResourceType r, string ns, string name, Action<JsonObject> change)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue((r.Key, ns, name), out var current)) return;
            var copy = current.DeepClone().AsObject();
            change(copy);
            if (JsonNode.DeepEquals(copy, current)) return;
            Put(r, ns, name, copy, "MODIFIED");
        }
    }

    public JsonObject Delete(ResourceType r, string ns, string name)
    {
        lock (_gate)
        {
            if (!_objects.Remove((r.Key, ns, name), out var removed)) throw KubeApiException.NotFound(r, name);
            Emit(r, "DELETED", removed);
            if (r == ResourceTypes.Namespace)
            {
                foreach (var key in _objects.Keys.Where(k => k.Ns == name).ToList())
                {
                    _objects.Remove(key, out var o);
                    Emit(ResourceTypes.All.First(t => t.Key == key.Key), "DELETED", o!);
                }
            }

            CollectGarbage();
            return removed;
        }
    }

    /// <summary>Forgets events at or below the current version: a watch resuming from them gets 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _compactedBelow = _version;
            _log.Clear();
        }
    }

    /// <summary>
    /// Starts a watch from <paramref name="sinceVersion"/>: the events after it, then live ones. Throws 410
    /// when that version was compacted away.
    /// </summary>
    public ChannelReader<WatchEvent> Watch(ResourceType r, long sinceVersion, CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<WatchEvent>();
        lock (_gate)
        {
            if (sinceVersion < _compactedBelow)
                throw new KubeApiException(410, "Expired", $"too old resource version: {sinceVersion} ({_compactedBelow})");
            foreach (var e in _log.Where(e => e.Type == r && e.ResourceVersion > sinceVersion)) channel.Writer.TryWrite(e);
            _watchers.Add(channel);
        }

        ct.Register(() =>
        {
            lock (_gate) _watchers.Remove(channel);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>Ends every open watch, as an API server does when it restarts or times a watch out.</summary>
    public void CloseWatches()
    {
        lock (_gate)
        {
            foreach (var w in _watchers) w.Writer.TryComplete();
            _watchers.Clear();
        }
    }

    private JsonObject Put(ResourceType r, string ns, string name, JsonObject obj, string eventType)
    {
        obj["apiVersion"] = r.ApiVersion;
        obj["kind"] = r.Kind;
        obj["metadata"]!["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
        _objects[(r.Key, ns, name)] = obj;
        Emit(r, eventType, obj);
        return obj.DeepClone().AsObject();
    }

    private void Emit(ResourceType r, string type, JsonObject obj)
    {
        var version = type == "DELETED" ? ++_version : _version;
        var e = new WatchEvent(version, r, type, obj.DeepClone().AsObject());
        _log.Add(e);
        foreach (var w in _watchers) w.Writer.TryWrite(e);
    }

    /// <summary>Deletes objects whose every owner is gone (background propagation), repeatedly.</summary>
    private void CollectGarbage()
    {
        while (true)
        {
            var uids = _objects.Values.Select(o => o["metadata"]?["uid"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var orphans = _objects.Where(o => o.Value["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 } refs
                    && refs.All(x => !uids.Contains(x?["uid"]?.GetValue<string>() ?? "")))
                .ToList();
            if (orphans.Count == 0) return;
            foreach (var (key, obj) in orphans)
            {
                _objects.Remove(key);
                Emit(ResourceTypes.All.First(t => t.Key == key.Key), "DELETED", obj);
            }
        }
    }
}
