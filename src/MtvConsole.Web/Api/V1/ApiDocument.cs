using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: only the <c>/api/v1</c> endpoints, with the bearer
/// (API token) and session-cookie schemes. Reading it needs a signed-in user like the API itself.
/// </summary>
internal static class ApiDocument
{
    public static void AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "MTV Console API",
                    Version = "v1",
                    Description = "Plan and run VMware to OpenShift Virtualization migrations. Authenticate with a personal API token " +
                                  "(Authorization: Bearer mtv_…, created on the My account page) or a session cookie. Errors are application/problem+json.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A personal API token: mtv_…",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
                return Task.CompletedTask;
            });
        });
}
