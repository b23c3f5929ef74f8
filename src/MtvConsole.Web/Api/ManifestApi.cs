using MtvConsole.Web.Planning;

namespace MtvConsole.Web.Api;

/// <summary><c>GET /api/v1/plans/{name}/manifests</c>: the YAML of the objects the plan will create on the target.</summary>
internal static class ManifestApi
{
    public static void MapManifestApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/plans/{name}/manifests", async (string name, PlanManifests manifests, CancellationToken ct) =>
        {
            var result = await manifests.RenderAsync(name, ct);
            return result.Yaml is { } yaml ? Results.Text(yaml, "application/yaml")
                : Results.Problem(result.Problem, statusCode: result.PlanFound ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
        }).RequireAuthorization();
}
