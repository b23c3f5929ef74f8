using MtvConsole.Web.Planning;

namespace MtvConsole.Web.Api.V1;

/// <summary><c>GET /api/v1/plans/{name}/manifests</c>: the YAML of the objects the plan will create on the target.</summary>
internal static class ManifestEndpoints
{
    public static void MapManifestEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/plans/{name}/manifests", async (string name, PlanManifests manifests, CancellationToken ct) =>
        {
            var result = await manifests.RenderAsync(name, ct);
            return result.Yaml is { } yaml ? Results.Text(yaml, "application/yaml")
                : Results.Problem(result.Problem, statusCode: result.PlanFound ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
        }).WithSummary("The Kubernetes objects the plan will create for each VM, as YAML (Secret values redacted)");
}
