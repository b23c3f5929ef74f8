using System.Net;
using System.Text.Json;

namespace MtvConsole.Web.Tests.Api;

public sealed class ApiDocumentTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_openapi_document_lists_the_v1_endpoints_with_summaries_and_the_bearer_scheme_for_signed_in_callers_only()
    {
        var anonymous = _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);

        var api = ApiSession.Bearer(_factory, await ApiSession.TokenForAsync(_factory, "admin"));
        var document = await api.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/providers", "/api/v1/providers/{name}/test", "/api/v1/providers/{name}/vms", "/api/v1/providers/{name}/host-networks",
            "/api/v1/network-maps/{name}", "/api/v1/storage-maps", "/api/v1/hooks/{name}", "/api/v1/plans", "/api/v1/plans/{name}/duplicate",
            "/api/v1/plans/{name}/start", "/api/v1/plans/{name}/cutover", "/api/v1/plans/{name}/vms/{vm}/cutover", "/api/v1/plans/{name}/cancel",
            "/api/v1/plans/{name}/restart-preview", "/api/v1/plans/{name}/restart", "/api/v1/engine/settings", "/api/v1/me/tokens", "/api/v1/validate",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing");
        }
        Assert.DoesNotContain(paths.EnumerateObject(), p => !p.Name.StartsWith("/api/v1/", StringComparison.Ordinal));
        Assert.All(paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()), operation =>
            Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), operation.Name));
        Assert.Equal("Start a run of a Ready plan; refused with the blocking conditions when the plan is not ready",
            paths.GetProperty("/api/v1/plans/{name}/start").GetProperty("post").GetProperty("summary").GetString());
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal(JsonValueKind.Object, paths.GetProperty("/api/v1/plans").GetProperty("post").GetProperty("requestBody").ValueKind);
    }
}
