using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Components.Shared;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

public sealed class OpenShiftProviderFormTests : FormFixture
{
    [Fact]
    public async Task A_remote_cluster_needs_an_https_url_and_a_token_and_nothing_is_saved_until_both_are_there()
    {
        var form = RenderForm<OpenShiftProviderForm>();
        form.Find("#field-name input").Change("target");
        form.Find("#field-url input").Change("http://api.ocp.example.com:6443");

        await form.Find("#save-provider").ClickAsync(new());

        Assert.Contains("Only https URLs are allowed", form.Find("#field-url").TextContent);
        Assert.Contains("The service account bearer token is required.", form.Find("#field-token").TextContent);
        await using var db = Db();
        Assert.False(await db.Providers.AnyAsync());
    }

    [Fact]
    public void A_ca_bundle_that_is_not_x509_is_rejected_next_to_the_field()
    {
        var form = RenderForm<OpenShiftProviderForm>();

        form.Find("#field-ca textarea").Change("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----");
        Assert.Contains("not a valid X.509 certificate", form.Find("#field-ca").TextContent);

        form.Find("#field-ca textarea").Change("just some text");
        Assert.Contains("The CA bundle must be PEM", form.Find("#field-ca").TextContent);

        form.Find("#field-ca textarea").Change(TestCertificates.SelfSignedPem("ocp-ca"));
        Assert.DoesNotContain("mud-input-error", form.Find("#field-ca").InnerHtml);
    }

    [Fact]
    public async Task A_remote_cluster_is_saved_with_its_token_and_ca_bundle_encrypted()
    {
        Provider? saved = null;
        var form = RenderForm<OpenShiftProviderForm>(saved: p => saved = p);
        form.Find("#field-name input").Change("target");
        form.Find("#field-url input").Change("https://api.ocp.example.com:6443");
        form.Find("#field-token input").Change("sha256~secret-token");
        form.Find("#field-ca textarea").Change(TestCertificates.SelfSignedPem("ocp-ca"));

        await form.Find("#save-provider").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using var db = Db();
        var provider = await db.Providers.SingleAsync();
        Assert.Equal((ProviderType.OpenShift, ProviderBacking.Remote, "https://api.ocp.example.com:6443"), (provider.Type, provider.Backing, provider.Url));
        var secret = await db.Secrets.SingleAsync();
        Assert.DoesNotContain("secret-token", secret.Ciphertext);
        var data = Services.GetRequiredService<SecretStore>().Read(secret)!;
        Assert.Equal("sha256~secret-token", data["token"]);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", data["cacert"]);
    }

    [Fact]
    public async Task This_cluster_needs_no_url_or_token_and_stores_no_secret()
    {
        Provider? saved = null;
        var form = RenderForm<OpenShiftProviderForm>(saved: p => saved = p);
        form.Find("#field-name input").Change("local");

        form.FindAll("#field-backing input[type=radio]")[1].Click();

        Assert.Empty(form.FindAll("#field-url"));
        Assert.Contains("own service account", form.Find("#in-cluster-note").TextContent);
        await form.Find("#save-provider").ClickAsync(new());
        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using var db = Db();
        var provider = await db.Providers.SingleAsync();
        Assert.Equal((ProviderBacking.InCluster, "", null), (provider.Backing, provider.Url, provider.SecretId));
        Assert.True(provider.IsHostCluster);
        Assert.False(await db.Secrets.AnyAsync());
    }

    [Fact]
    public async Task Editing_keeps_the_stored_token_unseen_unless_a_new_one_is_pasted()
    {
        var store = Services.GetRequiredService<SecretStore>();
        var secret = store.Create("provider/target", new Dictionary<string, string> { ["token"] = "old-token" }, Time.GetUtcNow());
        await using (var db = Db())
        {
            db.Secrets.Add(secret);
            await db.SaveChangesAsync();
        }
        var existing = await AddAsync(new Provider { Name = "target", Type = ProviderType.OpenShift, Backing = ProviderBacking.Remote, Url = "https://api.ocp.example.com:6443", SecretId = secret.Id });
        Provider? saved = null;
        var form = RenderForm<OpenShiftProviderForm>(existing, p => saved = p);

        Assert.DoesNotContain("old-token", form.Markup);
        Assert.Contains("Set. Paste a new token only to replace it.", form.Find("#field-token").TextContent);
        form.Find("#field-url input").Change("https://api.other.example.com:6443");
        await form.Find("#save-provider").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using (var db = Db())
        {
            Assert.Equal("https://api.other.example.com:6443", (await db.Providers.SingleAsync()).Url);
            Assert.Equal("old-token", store.Read(await db.Secrets.SingleAsync())!["token"]);
        }
        Assert.Contains(Audit.Entries, e => e.Action == "update" && e.Target == "provider/target" && !e.Details.Contains("old-token"));
    }

    [Fact]
    public async Task A_lab_cluster_shows_its_endpoint_as_not_editable()
    {
        var lab = await AddAsync(new Provider { Name = "host", Type = ProviderType.OpenShift, Backing = ProviderBacking.Lab });

        var form = RenderForm<OpenShiftProviderForm>(lab);

        Assert.Contains("cannot be edited", form.Find("#lab-endpoint").TextContent);
        Assert.Empty(form.FindAll("#field-backing"));
    }
}
