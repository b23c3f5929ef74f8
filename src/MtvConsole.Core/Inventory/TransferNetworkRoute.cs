using System.Text.Json;
using MtvConsole.Core.Readiness;

namespace MtvConsole.Core.Inventory;

/// <summary>How the importer pod is put on a transfer network, decided from its NetworkAttachmentDefinition.</summary>
public enum TransferRouteKind
{
    /// <summary>No route annotation and no IPAM default route: the NAD replaces the pod network (multus <c>default-network</c>).</summary>
    NotFound,

    /// <summary>The route annotation is <c>none</c>: an extra network without a default route.</summary>
    NoGateway,

    /// <summary>An extra network whose <c>default-route</c> is <see cref="TransferNetworkRoute.Gateway"/>.</summary>
    Gateway,

    /// <summary>The route found is not an IP address; the importer cannot be given it.</summary>
    NotValid,
}

/// <summary>
/// The default route of a transfer network, as upstream guesses it: the <c>forklift.konveyor.io/route</c>
/// annotation first (<c>none</c> = no default route), else the gateway of an IPAM route to <c>0.0.0.0/0</c> or
/// <c>::/0</c> in the NAD's CNI config. A route that is not an IP address is refused.
/// </summary>
/// <remarks>
/// kubev2v/forklift d42511bb2 pkg/controller/plan/kubevirt.go: <c>guessTransferNetworkDefaultRoute</c> (~l.4001) and
/// <c>setTransferNetwork</c> (~l.4047-4090, which fails "Transfer network default route is not a valid IP address.");
/// pkg/controller/plan/validation.go <c>validateTransferNetwork</c> (~l.1512-1582, condition TransferNetworkNotValid/NotValid).
/// The annotation is compared as is (no trimming), and <c>none</c> is exact, as upstream does.
/// </remarks>
public sealed record TransferNetworkRoute(TransferRouteKind Kind, string? Gateway, bool FromAnnotation)
{
    public const string RouteAnnotation = "forklift.konveyor.io/route";
    public const string None = "none";

    public static TransferNetworkRoute Guess(string? routeAnnotation, string? cniConfig)
    {
        if (routeAnnotation is not null) return Decide(routeAnnotation, fromAnnotation: true);
        return IpamDefaultGateway(cniConfig) is { } gateway ? Decide(gateway, fromAnnotation: false) : new(TransferRouteKind.NotFound, null, false);
    }

    /// <summary>Why the route cannot be used, with what to do; null when it can.</summary>
    public string? Problem(string qualifiedName) => Kind != TransferRouteKind.NotValid ? null : FromAnnotation
        ? $"The {RouteAnnotation} annotation of the NetworkAttachmentDefinition {qualifiedName} is \"{Gateway}\", which is not an IP address; set it to the gateway's IP address, or to \"{None}\" for no default route."
        : $"The default route (0.0.0.0/0 or ::/0) in the IPAM config of the NetworkAttachmentDefinition {qualifiedName} has no valid gateway (\"{Gateway}\"); add its \"gw\" IP address, or set the {RouteAnnotation} annotation on the NAD.";

    private static TransferNetworkRoute Decide(string route, bool fromAnnotation) =>
        route == None ? new(TransferRouteKind.NoGateway, null, fromAnnotation)
        : HostValidator.IsIpAddress(route) && route.Trim() == route ? new(TransferRouteKind.Gateway, route, fromAnnotation)
        : new(TransferRouteKind.NotValid, route, fromAnnotation);

    // The CNI config's ipam.routes[].{dst,gw}: a default route found without a gw yields "" (not an IP), as upstream.
    private static string? IpamDefaultGateway(string? config)
    {
        if (string.IsNullOrWhiteSpace(config)) return null;
        try
        {
            using var doc = JsonDocument.Parse(config);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("ipam", out var ipam)
                || ipam.ValueKind != JsonValueKind.Object || !ipam.TryGetProperty("routes", out var routes) || routes.ValueKind != JsonValueKind.Array)
                return null;
            foreach (var r in routes.EnumerateArray())
            {
                if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("dst", out var dst) || dst.GetString() is not ("0.0.0.0/0" or "::/0")) continue;
                if (!r.TryGetProperty("gw", out var gw) || gw.ValueKind == JsonValueKind.Null) return "";
                return gw.GetString();
            }

            return null;
        }
        catch (JsonException)
        {
            // upstream: "If we can't parse the config, just return not found".
            return null;
        }
        catch (InvalidOperationException)
        {
            return null; // dst or gw is not a string: upstream's CNINetworkConfig does not decode either
        }
    }
}
