using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace MtvConsole.KubeVirt;

/// <summary>
/// The one place that talks to custom resources (DataVolumes, VirtualMachines, NADs, StorageProfiles)
/// through KubernetesClient's generic CustomObjects API, as JSON objects.
/// </summary>
internal sealed class CustomObjectGateway(IKubernetes client)
{
    public Task<JsonObject?> GetAsync(KubeResource r, string @namespace, string name, CancellationToken ct) =>
        KubeErrors.OrNullAsync(() => client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(r.Group, r.Version, @namespace, r.Plural, name, ct));

    public Task<JsonObject> CreateAsync(KubeResource r, string @namespace, JsonObject body, CancellationToken ct) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(body, r.Group, r.Version, @namespace, r.Plural, cancellationToken: ct);

    public Task<JsonObject> ReplaceAsync(KubeResource r, string @namespace, string name, JsonObject body, CancellationToken ct) =>
        client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(body, r.Group, r.Version, @namespace, r.Plural, name, cancellationToken: ct);

    public Task<JsonObject> MergePatchAsync(KubeResource r, string @namespace, string name, JsonObject patch, CancellationToken ct) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), r.Group, r.Version, @namespace, r.Plural, name, cancellationToken: ct);

    public Task DeleteAsync(KubeResource r, string @namespace, string name, CancellationToken ct) =>
        KubeErrors.IgnoreNotFoundAsync(() => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            r.Group, r.Version, @namespace, r.Plural, name, new V1DeleteOptions { PropagationPolicy = "Background" }, cancellationToken: ct));

    /// <summary>Lists a resource in every namespace (or a cluster-scoped one); returns the items and the list's resourceVersion.</summary>
    public async Task<(IReadOnlyList<JsonObject> Items, string? ResourceVersion)> ListAllAsync(KubeResource r, bool clusterScoped, CancellationToken ct)
    {
        var list = clusterScoped
            ? await client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(r.Group, r.Version, r.Plural, cancellationToken: ct)
            : await client.CustomObjects.ListCustomObjectForAllNamespacesAsync<JsonObject>(r.Group, r.Version, r.Plural, cancellationToken: ct);
        var items = (list["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        return (items, list["metadata"]?["resourceVersion"]?.GetValue<string>());
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(KubeResource r, string @namespace, string labelSelector, CancellationToken ct)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(r.Group, r.Version, @namespace, r.Plural, labelSelector: labelSelector, cancellationToken: ct);
        return (list["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
    }

    /// <summary>
    /// Read-modify-replace with the object's resourceVersion, retried when someone else changed it in
    /// between (409). <paramref name="change"/> returns false when nothing needs changing.
    /// </summary>
    public async Task<bool> UpdateAsync(KubeResource r, string @namespace, string name, Func<JsonObject, bool> change, CancellationToken ct, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(r, @namespace, name, ct)
                ?? throw new KeyNotFoundException($"{r.Kind} '{@namespace}/{name}' does not exist.");
            if (!change(current)) return false;
            try
            {
                await ReplaceAsync(r, @namespace, name, current, ct);
                return true;
            }
            catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict) && attempt < attempts)
            {
            }
        }
    }
}
