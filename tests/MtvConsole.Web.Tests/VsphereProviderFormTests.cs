using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Components.Shared;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

public sealed class VsphereProviderFormTests : FormFixture
{
    private static CertificateInfo Certificate(string name)
    {
        using var certificate = TestCertificates.SelfSigned(name);
        return CertificateInfo.From(certificate);
    }

    private static void Fill(IRenderedComponent<VsphereProviderForm> form, string name = "prod-vc", string url = "https://vcenter.example.com",
        string user = "administrator@vsphere.local", string password = "Vc-Passw0rd")
    {
        form.Find("#field-name input").Change(name);
        form.Find("#field-url input").Change(url);
        form.Find("#field-user input").Change(user);
        form.Find("#field-password input").Change(password);
    }

    [Fact]
    public void A_url_without_sdk_gets_it_with_a_visible_note()
    {
        var form = RenderForm<VsphereProviderForm>();

        form.Find("#field-url input").Change("https://vcenter.example.com");

        Assert.Equal("https://vcenter.example.com/sdk", form.Find("#field-url input").GetAttribute("value"));
        Assert.Contains("Added /sdk", form.Find("#sdk-note").TextContent);
    }

    [Fact]
    public void An_ip_address_host_gets_a_note_about_certificate_names()
    {
        var form = RenderForm<VsphereProviderForm>();

        form.Find("#field-url input").Change("https://10.1.2.3/sdk");

        Assert.Contains("prefer the vCenter's DNS name", form.Find("#ip-host-note").TextContent);
        form.Find("#field-url input").Change("https://vcenter.example.com/sdk");
        Assert.Empty(form.FindAll("#ip-host-note"));
    }

    [Fact]
    public void A_url_with_sdk_gets_no_note()
    {
        var form = RenderForm<VsphereProviderForm>();

        form.Find("#field-url input").Change("https://vcenter.example.com/sdk");

        Assert.Empty(form.FindAll("#sdk-note"));
        Assert.DoesNotContain("mud-input-error", form.Find("#field-url").InnerHtml);
    }

    [Fact]
    public async Task An_http_url_is_rejected_next_to_the_field_and_nothing_is_saved()
    {
        var form = RenderForm<VsphereProviderForm>();
        Fill(form, url: "http://vcenter.example.com/sdk");
        form.Find("#skip-verification input").Change(true);

        Assert.Contains("Only https URLs are allowed", form.Find("#field-url").TextContent);
        await form.Find("#save-provider").ClickAsync(new());

        await using var db = Db();
        Assert.False(await db.Providers.AnyAsync());
        Assert.Empty(Audit.Entries);
    }

    [Theory]
    [InlineData("administrator")]
    [InlineData("@vsphere.local")]
    [InlineData("admin istrator@vsphere.local")]
    public void A_user_without_a_domain_is_rejected_with_the_explanation(string user)
    {
        var form = RenderForm<VsphereProviderForm>();

        form.Find("#field-user input").Change(user);

        var text = form.Find("#field-user").TextContent;
        Assert.True(text.Contains("The user needs a domain") || text.Contains("must not contain spaces"), text);
        Assert.Contains("mud-input-error", form.Find("#field-user").InnerHtml);
    }

    [Theory]
    [InlineData("administrator@vsphere.local")]
    [InlineData("CORP\\svc-mtv")]
    public void A_user_with_a_domain_is_accepted(string user)
    {
        var form = RenderForm<VsphereProviderForm>();

        form.Find("#field-user input").Change(user);

        Assert.DoesNotContain("mud-input-error", form.Find("#field-user").InnerHtml);
    }

    [Fact]
    public async Task The_certificate_is_pinned_only_once_the_trust_box_is_ticked()
    {
        var fetched = Certificate("vcenter.example.com");
        Fetcher.Next = fetched;
        Provider? saved = null;
        var form = RenderForm<VsphereProviderForm>(saved: p => saved = p);
        Fill(form);

        await form.Find("#fetch-certificate").ClickAsync(new());

        Assert.Equal(["https://vcenter.example.com/sdk"], Fetcher.Urls);
        var details = form.Find("#certificate-details").TextContent;
        Assert.Contains("CN=vcenter.example.com, O=MTV Console Tests", details);
        Assert.Contains(fetched.NotBefore.ToString("u"), details);
        Assert.Contains(fetched.NotAfter.ToString("u"), details);
        Assert.Equal(fetched.Sha1, form.Find("#sha1").TextContent);
        Assert.Equal(fetched.Sha256, form.Find("#sha256").TextContent);

        await form.Find("#save-provider").ClickAsync(new());
        Assert.Contains("I trust this certificate", form.Find("#certificate-error").TextContent);
        await using (var db = Db()) Assert.False(await db.Providers.AnyAsync());

        form.Find("#trust-certificate input").Change(true);
        await form.Find("#save-provider").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using (var db = Db())
        {
            var provider = await db.Providers.SingleAsync();
            Assert.Equal(("prod-vc", "https://vcenter.example.com/sdk", "administrator@vsphere.local"), (provider.Name, provider.Url, provider.UserName));
            Assert.Equal((fetched.Sha1, fetched.Sha256, false), (provider.PinnedSha1, provider.PinnedSha256, provider.InsecureSkipVerify));
            var secret = await db.Secrets.SingleAsync(s => s.Id == provider.SecretId);
            Assert.DoesNotContain("Vc-Passw0rd", secret.Ciphertext);
            Assert.Equal("Vc-Passw0rd", Services.GetRequiredService<SecretStore>().Read(secret)!["password"]);
            // No real vSphere adapter yet: after the save the connection test says so.
            Assert.Contains(provider.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed && c.Message.Contains("no adapter in this test"));
        }
        Assert.Contains(Audit.Entries, e => e == ("otto", "create", "provider/prod-vc", e.Details) && !e.Details.Contains("Vc-Passw0rd"));
    }

    [Fact]
    public async Task Without_a_certificate_or_the_skip_switch_nothing_is_saved()
    {
        var form = RenderForm<VsphereProviderForm>();
        Fill(form);

        await form.Find("#save-provider").ClickAsync(new());

        Assert.Contains("Fetch the server certificate and trust it, or skip certificate verification.", form.Find("#certificate-error").TextContent);
        await using var db = Db();
        Assert.False(await db.Providers.AnyAsync());
    }

    [Fact]
    public async Task Skipping_verification_is_an_explicit_switch_with_a_warning()
    {
        Provider? saved = null;
        var form = RenderForm<VsphereProviderForm>(saved: p => saved = p);
        Fill(form);
        Assert.Empty(form.FindAll("#skip-warning"));

        form.Find("#skip-verification input").Change(true);

        Assert.Contains("man-in-the-middle", form.Find("#skip-warning").TextContent);
        Assert.True(form.Find("#fetch-certificate").HasAttribute("disabled"));
        await form.Find("#save-provider").ClickAsync(new());
        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using var db = Db();
        var provider = await db.Providers.SingleAsync();
        Assert.True(provider.InsecureSkipVerify);
        Assert.Null(provider.PinnedSha256);
    }

    [Fact]
    public async Task A_fetch_failure_is_shown_with_its_reason()
    {
        var form = RenderForm<VsphereProviderForm>();
        Fill(form);

        await form.Find("#fetch-certificate").ClickAsync(new());

        Assert.Equal("Could not connect to vcenter.example.com: refused", form.Find("#fetch-error").TextContent);
        Assert.Empty(form.FindAll("#trust-certificate"));
    }

    [Fact]
    public async Task A_duplicate_name_is_refused()
    {
        await AddAsync(new Provider { Name = "lab-vcenter", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, Url = "https://vcenter.lab.local/sdk" });
        var form = RenderForm<VsphereProviderForm>();

        form.Find("#field-name input").Change("lab-vcenter");

        Assert.Contains("A provider named 'lab-vcenter' already exists.", form.Find("#field-name").TextContent);
    }

    [Fact]
    public async Task Editing_shows_a_certificate_change_with_old_and_new_fingerprints_and_keeps_the_password_unseen()
    {
        var old = Certificate("old.example.com");
        var store = Services.GetRequiredService<SecretStore>();
        var secret = store.Create("provider/prod-vc", new Dictionary<string, string> { ["user"] = "administrator@vsphere.local", ["password"] = "Old-Passw0rd" }, Time.GetUtcNow());
        await using (var db = Db())
        {
            db.Secrets.Add(secret);
            await db.SaveChangesAsync();
        }
        var existing = await AddAsync(new Provider
        {
            Name = "prod-vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote, Url = "https://vcenter.example.com/sdk",
            UserName = "administrator@vsphere.local", SecretId = secret.Id, PinnedSha1 = old.Sha1, PinnedSha256 = old.Sha256,
        });
        var renewed = Certificate("new.example.com");
        Fetcher.Next = renewed;
        Provider? saved = null;
        var form = RenderForm<VsphereProviderForm>(existing, p => saved = p);

        Assert.Equal("", form.Find("#field-password input").GetAttribute("value") ?? "");
        Assert.Contains("Set. Type a new password only to replace it.", form.Find("#field-password").TextContent);
        Assert.DoesNotContain("Old-Passw0rd", form.Markup);
        await form.Find("#fetch-certificate").ClickAsync(new());

        var changed = form.Find("#certificate-changed").TextContent;
        Assert.Contains("Certificate change detected", changed);
        Assert.Contains(old.Sha256, changed);
        Assert.Contains(old.Sha1, changed);
        Assert.Contains(renewed.Sha256, changed);
        Assert.Contains(renewed.Sha1, changed);

        form.Find("#trust-certificate input").Change(true);
        await form.Find("#save-provider").ClickAsync(new());
        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using (var db = Db())
        {
            var provider = await db.Providers.SingleAsync();
            Assert.Equal(renewed.Sha256, provider.PinnedSha256);
            Assert.Equal("Old-Passw0rd", store.Read(await db.Secrets.SingleAsync())!["password"]);
        }
    }

    [Fact]
    public async Task A_lab_provider_can_be_renamed_but_its_endpoint_is_not_editable()
    {
        var lab = await AddAsync(new Provider { Name = "lab-vcenter", Type = ProviderType.Vsphere, Backing = ProviderBacking.Lab, Url = "https://vcenter.lab.local/sdk" });
        Provider? saved = null;
        var form = RenderForm<VsphereProviderForm>(lab, p => saved = p);

        Assert.Contains("cannot be edited", form.Find("#lab-endpoint").TextContent);
        Assert.Empty(form.FindAll("#field-url"));
        form.Find("#field-name input").Change("simulated-vc");
        await form.Find("#save-provider").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using var db = Db();
        var provider = await db.Providers.SingleAsync();
        Assert.Equal(("simulated-vc", ProviderBacking.Lab, "https://vcenter.lab.local/sdk"), (provider.Name, provider.Backing, provider.Url));
        Assert.Contains(Audit.Entries, e => e.Action == "update" && e.Target == "provider/simulated-vc" && e.Details.StartsWith("renamed from lab-vcenter"));
    }
}
