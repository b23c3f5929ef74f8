using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Engine;
using MtvConsole.Web.Auth;

namespace MtvConsole.Web.Tests.Api;

/// <summary>What API tests share: token-authenticated clients, JSON reading, and deterministic engine ticks.</summary>
internal static class ApiSession
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A personal API token for the user (as the My account page creates it).</summary>
    public static async Task<string> TokenForAsync(ConsoleFactory factory, string user, string name = "script", int? expiresInDays = null)
    {
        var accounts = await factory.Services.GetRequiredService<AccountService>().ListAsync();
        var id = accounts.Single(a => a.UserName == user).Id;
        var (created, problem) = await factory.Services.GetRequiredService<ApiTokenService>().CreateAsync(id, name, expiresInDays);
        Assert.Null(problem);
        return created!.Token;
    }

    /// <summary>An HTTP client with no cookies that sends only the bearer token, as a script does.</summary>
    public static HttpClient Bearer(ConsoleFactory factory, string token)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync();
    }

    /// <summary>Asserts a problem+json answer with the status and a title containing <paramref name="titlePart"/>; returns the body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string titlePart)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonSerializer.Deserialize<JsonElement>(body, Json);
        Assert.Contains(titlePart, json.GetProperty("title").GetString(), StringComparison.Ordinal);
        return json;
    }

    /// <summary>The validation errors of a 400 problem, by field.</summary>
    public static async Task<Dictionary<string, string[]>> AssertInvalidAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(body, Json).GetProperty("errors").Deserialize<Dictionary<string, string[]>>(Json)!;
    }

    public static async Task TickAsync(ConsoleFactory factory, TimeSpan? step = null)
    {
        factory.Time.Advance(step ?? TimeSpan.FromSeconds(5));
        await factory.Services.GetRequiredService<MigrationEngine>().TickAsync();
    }
}
