using System.Net;
using System.Net.Http.Json;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Data;
using MtvConsole.Web.Api.V1;
using MtvConsole.Web.Components.Shared;

namespace MtvConsole.Web.Tests;

/// <summary>A vSphere provider's VDDK init image (Forklift's spec.settings.vddkInitImage) over the REST API: stored, returned, a bad reference refused.</summary>
public sealed class ProviderVddkImageApiTests : IAsyncLifetime
{
    private const string Sha1 = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01";
    private const string Sha256 = "01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F:20";

    private readonly ConsoleFactory _factory = new();

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateUserAsync("otto", "operator-password-1", "operator");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static ProviderRequest Vcenter(string? image) =>
        new("prod-vcenter", "vsphere", "remote", "https://vcenter.example.invalid/sdk", "administrator@vsphere.local", "Vc-Passw0rd", PinnedSha1: Sha1, PinnedSha256: Sha256, VddkInitImage: image);

    private MtvDbContext Db() => _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContext();

    [Fact]
    public async Task The_image_is_stored_on_the_provider_returned_and_changed_by_an_update()
    {
        var client = await _factory.SignedInAsync("otto", "operator-password-1");

        var created = await client.PostAsJsonAsync("/api/v1/providers", Vcenter(" registry.example.com:5000/mtv/vddk:8.0.3 "));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("registry.example.com:5000/mtv/vddk:8.0.3", (await created.Content.ReadFromJsonAsync<ProviderDto>())!.VddkInitImage);
        await using (var db = Db()) Assert.Equal("registry.example.com:5000/mtv/vddk:8.0.3", (await db.Providers.SingleAsync(p => p.Name == "prod-vcenter")).VddkInitImage);

        var digest = "registry.example.com/vddk@sha256:" + new string('a', 64);
        var updated = await client.PutAsJsonAsync("/api/v1/providers/prod-vcenter", Vcenter(digest));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(digest, (await client.GetFromJsonAsync<ProviderDto>("/api/v1/providers/prod-vcenter"))!.VddkInitImage);
    }

    [Theory]
    [InlineData("Registry.example.com/VDDK:8", "must be lowercase")]
    [InlineData("registry.example.com/vddk:8.0.3 latest", "must not contain spaces")]
    [InlineData("registry.example.com/vddk:", "is not an image reference; write it like registry.example.com/vddk:8.0.3")]
    [InlineData("https://registry.example.com/vddk:8", "is not an image reference")]
    [InlineData("registry.example.com/vddk@sha256:abc", "is not an image reference")]
    public async Task A_reference_that_does_not_parse_is_refused_as_problem_json_and_nothing_changes(string image, string message)
    {
        var client = await _factory.SignedInAsync("otto", "operator-password-1");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/providers", Vcenter("registry.example.com/vddk:8.0.3"))).StatusCode);

        var create = await client.PostAsJsonAsync("/api/v1/providers", Vcenter(image) with { Name = "other-vcenter" });
        var update = await client.PutAsJsonAsync("/api/v1/providers/prod-vcenter", Vcenter(image));

        foreach (var response in new[] { create, update })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>();
            Assert.Contains(message, Assert.Single(problem!.Errors["VddkInitImage"]));
        }

        await using var db = Db();
        Assert.False(await db.Providers.AnyAsync(p => p.Name == "other-vcenter"));
        Assert.Equal("registry.example.com/vddk:8.0.3", (await db.Providers.SingleAsync(p => p.Name == "prod-vcenter")).VddkInitImage);
    }
}

/// <summary>The VDDK init image field of the vSphere provider form.</summary>
public sealed class VsphereProviderFormVddkImageTests : FormFixture
{
    private static void Fill(IRenderedComponent<VsphereProviderForm> form, string image)
    {
        form.Find("#field-name input").Change("prod-vc");
        form.Find("#field-url input").Change("https://vcenter.example.com/sdk");
        form.Find("#field-user input").Change("administrator@vsphere.local");
        form.Find("#field-password input").Change("Vc-Passw0rd");
        form.Find("#skip-verification input").Change(true);
        form.Find("#field-vddk-image input").Change(image);
    }

    [Fact]
    public async Task A_bad_image_is_refused_next_to_its_field_and_nothing_is_saved()
    {
        var form = RenderForm<VsphereProviderForm>();
        Fill(form, "quay.io/Kubev2v/vddk:8");

        Assert.Contains("the repository name must be lowercase", form.Find("#field-vddk-image").TextContent);
        Assert.Contains("mud-input-error", form.Find("#field-vddk-image").InnerHtml);
        await form.Find("#save-provider").ClickAsync(new());

        await using var db = Db();
        Assert.False(await db.Providers.AnyAsync());
    }

    [Fact]
    public async Task A_good_image_is_saved_on_the_provider_and_the_edit_form_starts_from_it()
    {
        Core.Resources.Provider? saved = null;
        var form = RenderForm<VsphereProviderForm>(saved: p => saved = p);
        Fill(form, "registry.example.com/mtv/vddk:8.0.3");
        Assert.Contains("VDDK may not be redistributed", form.Find("#field-vddk-image").TextContent);

        await form.Find("#save-provider").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using var db = Db();
        var provider = await db.Providers.SingleAsync();
        Assert.Equal("registry.example.com/mtv/vddk:8.0.3", provider.VddkInitImage);
        Assert.Equal("registry.example.com/mtv/vddk:8.0.3", Web.Providers.ProviderInput.From(provider).VddkInitImage); // what the edit form starts from
    }
}
