using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace MtvConsole.KubeVirt.Inventory;

/// <summary>Watches the five inventory kinds of one cluster into a <see cref="TargetInventoryCache"/>.</summary>
public sealed class TargetInventoryWatcher(IKubernetes client, TargetInventoryCache cache, TimeProvider time, Action<string, Exception> onFailure)
{
    private Func<int>? _lists;

    /// <summary>How many full lists all kinds together have made (the first sync plus every relist after a 410).</summary>
    public int ListCount => _lists?.Invoke() ?? 0;

    public Task RunAsync(CancellationToken ct)
    {
        var ns = new ResourceWatch<V1Namespace, V1NamespaceList>("Namespace",
            (rv, watch, c) => client.CoreV1.ListNamespaceWithHttpMessagesAsync(allowWatchBookmarks: watch ? true : null, resourceVersion: rv, watch: watch, cancellationToken: c),
            l => (l.Items.ToList(), l.Metadata?.ResourceVersion), n => n.Metadata?.ResourceVersion, cache.ResetNamespaces, cache.ApplyNamespace, onFailure, time);
        var sc = new ResourceWatch<V1StorageClass, V1StorageClassList>("StorageClass",
            (rv, watch, c) => client.StorageV1.ListStorageClassWithHttpMessagesAsync(allowWatchBookmarks: watch ? true : null, resourceVersion: rv, watch: watch, cancellationToken: c),
            l => (l.Items.ToList(), l.Metadata?.ResourceVersion), n => n.Metadata?.ResourceVersion, cache.ResetClasses, cache.ApplyClass, onFailure, time);
        var nad = Custom(KubeResource.NetworkAttachmentDefinition, clusterScoped: false, cache.ResetNads, cache.ApplyNad);
        var profile = Custom(KubeResource.StorageProfile, clusterScoped: true, cache.ResetProfiles, cache.ApplyProfile);
        var vm = Custom(KubeResource.VirtualMachine, clusterScoped: false, cache.ResetVms, cache.ApplyVm);
        _lists = () => ns.Relists + sc.Relists + nad.Relists + profile.Relists + vm.Relists;
        return Task.WhenAll(ns.RunAsync(ct), sc.RunAsync(ct), nad.RunAsync(ct), profile.RunAsync(ct), vm.RunAsync(ct));
    }

    private ResourceWatch<JsonObject, JsonObject> Custom(KubeResource r, bool clusterScoped, Action<IReadOnlyList<JsonObject>> reset, Action<WatchEventType, JsonObject> apply) =>
        new(r.Kind,
            (rv, watch, c) => clusterScoped
                ? client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<JsonObject>(r.Group, r.Version, r.Plural, allowWatchBookmarks: watch ? true : null, resourceVersion: rv, watch: watch, cancellationToken: c)
                : ListAllNamespaces(r, rv, watch, c),
            l => ((l["items"] as JsonArray ?? []).OfType<JsonObject>().ToList(), l["metadata"]?["resourceVersion"]?.GetValue<string>()),
            o => o["metadata"]?["resourceVersion"]?.GetValue<string>(),
            reset, apply, onFailure, time);

    private Task<HttpOperationResponse<JsonObject>> ListAllNamespaces(KubeResource r, string? rv, bool watch, CancellationToken c) =>
        client.CustomObjects.ListCustomObjectForAllNamespacesWithHttpMessagesAsync<JsonObject>(r.Group, r.Version, r.Plural, allowWatchBookmarks: watch ? true : null, resourceVersion: rv, watch: watch, cancellationToken: c);
}
