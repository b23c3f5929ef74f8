using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// The REST API under <c>/api/v1</c>. Every endpoint needs a signed-in user (session cookie or
/// <c>Authorization: Bearer mtv_…</c> API token); viewers read, operators and admins act, admins alone
/// manage engine settings and read the audit log. Errors are <c>application/problem+json</c>.
/// </summary>
internal static class ApiV1
{
    public const string Prefix = "/api/v1";

    public static void MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization().DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapProviderEndpoints();
        api.MapInventoryEndpoints();
        api.MapHostNetworkEndpoints();
        api.MapMapEndpoints();
        api.MapHookEndpoints();
        api.MapPlanEndpoints();
        api.MapManifestEndpoints();
        api.MapRunEndpoints();
        api.MapEngineSettingsEndpoints();
        api.MapAuditEndpoints();
        api.MapAccountEndpoints();
        api.MapValidationApi();
    }
}
