using System.Text.Json.Nodes;
using MtvConsole.Core.Inventory;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>
/// Puts the importer pod on the plan's transfer network (reference §7), as upstream's <c>setTransferNetwork</c>
/// (kubev2v/forklift d42511bb2 pkg/controller/plan/kubevirt.go ~l.4047-4090): a NAD with a default route
/// (<see cref="TransferNetworkRoute"/>: the <c>forklift.konveyor.io/route</c> annotation, or the gateway of an IPAM
/// route to <c>0.0.0.0/0</c>/<c>::/0</c>) becomes a <c>k8s.v1.cni.cncf.io/networks</c> selection with
/// <c>default-route: [gateway]</c> (none for the annotation value <c>none</c>); any other NAD replaces the pod
/// network through the multus <c>default-network</c> annotation. A route that is not an IP address is refused.
/// </summary>
public static class TransferNetworkAnnotations
{
    public const string RouteAnnotation = TransferNetworkRoute.RouteAnnotation;
    public const string Networks = "k8s.v1.cni.cncf.io/networks";
    public const string DefaultNetwork = "v1.multus-cni.io/default-network";

    /// <exception cref="InvalidOperationException">The NAD's default route is not an IP address (TransferNetworkNotValid).</exception>
    public static IReadOnlyDictionary<string, string> For(string @namespace, string name, IDictionary<string, string>? nadAnnotations, string? nadConfig)
    {
        var annotation = nadAnnotations is not null && nadAnnotations.TryGetValue(RouteAnnotation, out var r) ? r : null;
        var route = TransferNetworkRoute.Guess(annotation, nadConfig);
        switch (route.Kind)
        {
            case TransferRouteKind.NotFound:
                return new Dictionary<string, string> { [DefaultNetwork] = $"{@namespace}/{name}" };
            case TransferRouteKind.NotValid:
                throw new InvalidOperationException($"TransferNetworkNotValid: {route.Problem($"{@namespace}/{name}")}");
        }

        // k8s.cni.cncf.io NetworkSelectionElement: name, namespace, default-route (GatewayRequest).
        var entry = new JsonObject { ["name"] = name, ["namespace"] = @namespace };
        if (route.Kind == TransferRouteKind.Gateway) entry["default-route"] = new JsonArray(route.Gateway);
        return new Dictionary<string, string> { [Networks] = new JsonArray(entry).ToJsonString() };
    }
}
