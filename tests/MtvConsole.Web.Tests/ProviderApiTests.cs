using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Api.V1;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

public sealed class ProviderApiTests : IAsyncLifetime
{
    private const string Password = "Vc-Passw0rd-7f3k";
    private const string Sha1 = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01";
    private const string Sha256 = "01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F:20";

    private readonly ConsoleFactory _factory = new();

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateUserAsync("vera", "viewer-password-1", "viewer");
        await _factory.CreateUserAsync("otto", "operator-password-1", "operator");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static ProviderRequest Vcenter(string name = "prod-vcenter", string url = "https://vcenter.example.invalid", string user = "administrator@vsphere.local") =>
        new(name, "vsphere", "remote", url, user, Password, PinnedSha1: Sha1, PinnedSha256: Sha256);

    private MtvDbContext Db() => _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContext();

    [Fact]
    public async Task A_created_provider_persists_with_its_password_encrypted_and_never_returned()
    {
        var operatorClient = await _factory.SignedInAsync("otto", "operator-password-1");

        var response = await operatorClient.PostAsJsonAsync("/api/v1/providers", Vcenter());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain(Password, await response.Content.ReadAsStringAsync());
        await using var db = Db();
        var provider = await db.Providers.SingleAsync(p => p.Name == "prod-vcenter");
        Assert.Equal("https://vcenter.example.invalid/sdk", provider.Url);
        Assert.Equal((Sha1, Sha256), (provider.PinnedSha1, provider.PinnedSha256));
        var secret = await db.Secrets.SingleAsync(s => s.Id == provider.SecretId);
        Assert.DoesNotContain(Password, secret.Ciphertext);
        Assert.DoesNotContain("administrator", secret.Ciphertext);
        var data = _factory.Services.GetRequiredService<SecretStore>().Read(secret)!;
        Assert.Equal(Password, data["password"]);
        Assert.Equal("administrator@vsphere.local", data["user"]);

        var one = await operatorClient.GetStringAsync("/api/v1/providers/prod-vcenter");
        var all = await operatorClient.GetStringAsync("/api/v1/providers");
        Assert.DoesNotContain(Password, one);
        Assert.DoesNotContain(Password, all);
        Assert.DoesNotContain(secret.Ciphertext, one);
        var dto = await operatorClient.GetFromJsonAsync<ProviderDto>("/api/v1/providers/prod-vcenter");
        Assert.Equal("set", dto!.Secret);
        // The vSphere adapter tried the vCenter, which does not exist: the connection test names it.
        Assert.Equal("ConnectionFailed", dto.Phase);
        var failed = Assert.Single(dto.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed);
        Assert.Contains("vcenter.example.invalid", failed.Message);

        var audit = await (await _factory.SignedInAsync("admin", ConsoleFactory.AdminPassword)).GetStringAsync("/api/v1/audit");
        Assert.Contains("\"user\":\"otto\",\"action\":\"create\",\"target\":\"provider/prod-vcenter\"", audit);
        Assert.DoesNotContain(Password, audit);
    }

    [Fact]
    public async Task An_update_without_a_password_keeps_the_stored_one_and_a_new_password_replaces_it()
    {
        var operatorClient = await _factory.SignedInAsync("otto", "operator-password-1");
        Assert.Equal(HttpStatusCode.Created, (await operatorClient.PostAsJsonAsync("/api/v1/providers", Vcenter())).StatusCode);

        var keep = await operatorClient.PutAsJsonAsync("/api/v1/providers/prod-vcenter", Vcenter(user: "ops@vsphere.local") with { Password = null, PinnedSha1 = null, PinnedSha256 = null });
        Assert.Equal(HttpStatusCode.OK, keep.StatusCode);
        var store = _factory.Services.GetRequiredService<SecretStore>();
        await using (var db = Db())
        {
            var provider = await db.Providers.SingleAsync(p => p.Name == "prod-vcenter");
            var data = store.Read(await db.Secrets.SingleAsync(s => s.Id == provider.SecretId))!;
            Assert.Equal((Password, "ops@vsphere.local"), (data["password"], data["user"]));
            Assert.Equal(Sha256, provider.PinnedSha256);
            Assert.Equal(2, provider.Generation);
        }

        var replace = await operatorClient.PutAsJsonAsync("/api/v1/providers/prod-vcenter", Vcenter() with { Password = "another-Passw0rd" });
        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        await using (var db = Db())
        {
            var provider = await db.Providers.SingleAsync(p => p.Name == "prod-vcenter");
            Assert.Equal("another-Passw0rd", store.Read(await db.Secrets.SingleAsync(s => s.Id == provider.SecretId))!["password"]);
            Assert.Equal(1, await db.Secrets.CountAsync());
        }
    }

    [Fact]
    public async Task A_secret_that_can_no_longer_be_decrypted_blocks_the_provider_with_secret_not_valid()
    {
        var operatorClient = await _factory.SignedInAsync("otto", "operator-password-1");
        Assert.Equal(HttpStatusCode.Created, (await operatorClient.PostAsJsonAsync("/api/v1/providers", Vcenter())).StatusCode);
        await using (var db = Db())
        {
            var secret = await db.Secrets.SingleAsync();
            secret.Ciphertext = "CfDJ8-not-from-this-key-ring";
            await db.SaveChangesAsync();
        }

        var refreshed = await (await operatorClient.PostAsync("/api/v1/providers/prod-vcenter/test", null)).Content.ReadFromJsonAsync<ProviderDto>();

        var condition = Assert.Single(refreshed!.Conditions, c => c.Type == ConditionTypes.SecretNotValid);
        Assert.Equal("DataErr", condition.Reason);
        Assert.Equal(["user", "password"], condition.Items);
        Assert.Equal("ValidationFailed", refreshed.Phase);
    }

    [Fact]
    public async Task Delete_is_refused_while_a_map_uses_the_provider_naming_the_map()
    {
        var operatorClient = await _factory.SignedInAsync("otto", "operator-password-1");
        Assert.Equal(HttpStatusCode.Created, (await operatorClient.PostAsJsonAsync("/api/v1/providers", Vcenter())).StatusCode);
        Guid source, mapId;
        await using (var db = Db())
        {
            source = (await db.Providers.SingleAsync(p => p.Name == "prod-vcenter")).Id;
            var destination = (await db.Providers.SingleAsync(p => p.Name == "host")).Id;
            var map = new NetworkMap { Name = "prod-networks", SourceProviderId = source, DestinationProviderId = destination };
            db.NetworkMaps.Add(map);
            await db.SaveChangesAsync();
            mapId = map.Id;
        }

        var refused = await operatorClient.DeleteAsync("/api/v1/providers/prod-vcenter");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Provider 'prod-vcenter' is used by network map 'prod-networks'", await refused.Content.ReadAsStringAsync());
        await using (var db = Db())
        {
            Assert.True(await db.Providers.AnyAsync(p => p.Id == source));
            db.NetworkMaps.Remove(await db.NetworkMaps.SingleAsync(m => m.Id == mapId));
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync("/api/v1/providers/prod-vcenter")).StatusCode);
        await using (var db = Db())
        {
            Assert.False(await db.Providers.AnyAsync(p => p.Id == source));
            Assert.Equal(0, await db.Secrets.CountAsync());
        }
    }

    [Fact]
    public async Task A_viewer_cannot_create_update_or_delete_a_provider()
    {
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/providers", Vcenter())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/v1/providers/host", new ProviderRequest("host", "openshift", "lab"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync("/api/v1/providers/host")).StatusCode);

        await using var db = Db();
        Assert.False(await db.Providers.AnyAsync(p => p.Name == "prod-vcenter"));
        Assert.True(await db.Providers.AnyAsync(p => p.Name == "host"));
    }

    [Theory]
    [InlineData("Prod_VC", "https://vc.example.com/sdk", "admin@vsphere.local", "Name", "must consist of lowercase letters")]
    [InlineData("lab-vcenter", "https://vc.example.com/sdk", "admin@vsphere.local", "Name", "A provider named 'lab-vcenter' already exists.")]
    [InlineData("vc", "http://vc.example.com/sdk", "admin@vsphere.local", "Url", "Only https URLs are allowed")]
    [InlineData("vc", "https://vc.example.com/sdk", "administrator", "UserName", "The user needs a domain")]
    public async Task Invalid_input_is_refused_field_by_field_and_nothing_is_saved(string name, string url, string user, string field, string message)
    {
        var operatorClient = await _factory.SignedInAsync("otto", "operator-password-1");

        var response = await operatorClient.PostAsJsonAsync("/api/v1/providers", Vcenter(name, url, user));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>();
        Assert.Contains(message, Assert.Single(problem!.Errors[field]));
        await using var db = Db();
        Assert.Equal(2, await db.Providers.CountAsync());
        Assert.Equal(0, await db.Secrets.CountAsync());
    }

    [Fact]
    public async Task An_openshift_provider_with_a_token_and_a_bad_ca_bundle_is_refused_and_with_a_good_one_saved()
    {
        var operatorClient = await _factory.SignedInAsync("otto", "operator-password-1");

        var bad = await operatorClient.PostAsJsonAsync("/api/v1/providers",
            new ProviderRequest("target", "openshift", "remote", "https://api.ocp.example.com:6443", Token: "sha256~token", CaBundle: "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("CaBundle", await bad.Content.ReadAsStringAsync());

        var good = await operatorClient.PostAsJsonAsync("/api/v1/providers",
            new ProviderRequest("target", "openshift", "remote", "https://api.ocp.example.com:6443", Token: "sha256~token", CaBundle: TestCertificates.SelfSignedPem("ocp-ca")));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.DoesNotContain("sha256~token", await good.Content.ReadAsStringAsync());
        await using var db = Db();
        var provider = await db.Providers.SingleAsync(p => p.Name == "target");
        Assert.Equal((ProviderBacking.Remote, "https://api.ocp.example.com:6443"), (provider.Backing, provider.Url));
        var data = _factory.Services.GetRequiredService<SecretStore>().Read(await db.Secrets.SingleAsync(s => s.Id == provider.SecretId))!;
        Assert.Equal("sha256~token", data["token"]);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", data["cacert"]);
    }
}
