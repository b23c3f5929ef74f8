using MtvConsole.Web.Planning;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// <c>GET /api/v1/plans/{name}/manifests[?vm=id]</c>: the YAML of the objects the plan will create on the target,
/// for every VM or for one.
/// </summary>
internal static class ManifestEndpoints
{
    public static void MapManifestEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/plans/{name}/manifests", async (string name, string? vm, PlanManifests manifests, CancellationToken ct) =>
        {
            var result = await manifests.RenderAsync(name, vm, ct);
            return result.Yaml is { } yaml ? Results.Text(yaml, "application/yaml")
                : Results.Problem(result.Problem, statusCode: result.PlanFound ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
        }).WithSummary("The Kubernetes objects the plan will create for each VM (or the one VM given by ?vm=id), as YAML (Secret values redacted)");
}
