using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MtvConsole.Core.Inventory;

namespace MtvConsole.KubeVirt.Inventory;

/// <summary>What changed in a watched inventory: the kind and the object's <c>namespace/name</c>.</summary>
public sealed record InventoryChange(string Kind, WatchEventType Type, string Key);

/// <summary>
/// The target inventory kept current by watches: namespaces, NADs, storage classes with their CDI
/// StorageProfiles, and VirtualMachines. <see cref="Changed"/> fires after every applied event or relist.
/// </summary>
public sealed class TargetInventoryCache
{
    private readonly ConcurrentDictionary<string, V1Namespace> _namespaces = new();
    private readonly ConcurrentDictionary<string, JsonObject> _nads = new();
    private readonly ConcurrentDictionary<string, V1StorageClass> _classes = new();
    private readonly ConcurrentDictionary<string, JsonObject> _profiles = new();
    private readonly ConcurrentDictionary<string, JsonObject> _vms = new();
    private readonly HashSet<string> _synced = [];
    private readonly Lock _gate = new();

    public event Action<InventoryChange>? Changed;

    /// <summary>True once every kind has been listed at least once.</summary>
    public bool Synced
    {
        get
        {
            lock (_gate) return _synced.Count == 5;
        }
    }

    public TargetInventory Snapshot() => new(
        _namespaces.Values.Select(n => new TargetNamespace(n.Metadata.Name)).OrderBy(n => n.Name, StringComparer.Ordinal).ToList(),
        _nads.Values.Select(TargetInventoryMapper.Nad).OrderBy(n => n.QualifiedName, StringComparer.Ordinal).ToList(),
        _classes.Values.Select(c => TargetInventoryMapper.StorageClass(c, _profiles.GetValueOrDefault(c.Metadata.Name))).OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
        _vms.Values.Select(TargetInventoryMapper.Vm).OrderBy(v => v.Namespace, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal).ToList());

    internal void ResetNamespaces(IReadOnlyList<V1Namespace> items) => Reset("Namespace", _namespaces, items, n => n.Metadata.Name);
    internal void ApplyNamespace(WatchEventType type, V1Namespace n) => Apply("Namespace", _namespaces, type, n, n.Metadata.Name);
    internal void ResetClasses(IReadOnlyList<V1StorageClass> items) => Reset("StorageClass", _classes, items, c => c.Metadata.Name);
    internal void ApplyClass(WatchEventType type, V1StorageClass c) => Apply("StorageClass", _classes, type, c, c.Metadata.Name);
    internal void ResetNads(IReadOnlyList<JsonObject> items) => Reset("NetworkAttachmentDefinition", _nads, items, Key);
    internal void ApplyNad(WatchEventType type, JsonObject o) => Apply("NetworkAttachmentDefinition", _nads, type, o, Key(o));
    internal void ResetProfiles(IReadOnlyList<JsonObject> items) => Reset("StorageProfile", _profiles, items, Key);
    internal void ApplyProfile(WatchEventType type, JsonObject o) => Apply("StorageProfile", _profiles, type, o, Key(o));
    internal void ResetVms(IReadOnlyList<JsonObject> items) => Reset("VirtualMachine", _vms, items, Key);
    internal void ApplyVm(WatchEventType type, JsonObject o) => Apply("VirtualMachine", _vms, type, o, Key(o));

    private static string Key(JsonObject o)
    {
        var ns = o["metadata"]?["namespace"]?.GetValue<string>();
        var name = o["metadata"]?["name"]?.GetValue<string>() ?? "";
        return ns is null ? name : $"{ns}/{name}";
    }

    private void Reset<T>(string kind, ConcurrentDictionary<string, T> map, IReadOnlyList<T> items, Func<T, string> key)
    {
        map.Clear();
        foreach (var item in items) map[key(item)] = item;
        lock (_gate) _synced.Add(kind);
        Changed?.Invoke(new InventoryChange(kind, WatchEventType.Added, "*"));
    }

    private void Apply<T>(string kind, ConcurrentDictionary<string, T> map, WatchEventType type, T item, string key)
    {
        if (type == WatchEventType.Deleted) map.TryRemove(key, out _);
        else if (type is WatchEventType.Added or WatchEventType.Modified) map[key] = item;
        else return;
        Changed?.Invoke(new InventoryChange(kind, type, key));
    }
}
