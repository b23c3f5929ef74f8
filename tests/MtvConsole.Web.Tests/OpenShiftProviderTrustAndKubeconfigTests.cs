using MtvConsole.FakeKube;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Components.Shared;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

/// <summary>The OpenShift provider form's certificate trust (pin, skip) and its kubeconfig upload.</summary>
public sealed class OpenShiftProviderTrustAndKubeconfigTests : FormFixture
{
    private const string TwoContexts = SampleKubeconfigs.TwoContexts;

    [Fact]
    public async Task An_uploaded_kubeconfig_offers_its_contexts_and_is_stored_encrypted_with_the_chosen_one()
    {
        Provider? saved = null;
        var form = RenderForm<OpenShiftProviderForm>(saved: p => saved = p);
        form.Find("#field-name input").Change("from-kubeconfig");
        form.FindAll("#field-credentials input[type=radio]")[1].Click();

        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(TwoContexts, "kubeconfig.yaml"));

        form.WaitForAssertion(() => Assert.Contains("Uploaded kubeconfig.yaml.", form.Find("#kubeconfig-uploaded").TextContent));
        Assert.Contains("2 contexts and no current-context: choose one.", form.Find("#field-kubeconfig").TextContent);
        Assert.Equal(["prod-admin", "lab-admin"], form.FindAll("#field-context label").Select(l => l.TextContent.Trim()).ToArray());
        Assert.DoesNotContain("kubeconfig-token", form.Markup);

        form.FindAll("#field-context input[type=radio]")[1].Click();
        Assert.Contains("https://api.lab.example.com:6443", form.Find("#kubeconfig-server").TextContent);
        await form.Find("#save-provider").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using var db = Db();
        var provider = await db.Providers.SingleAsync();
        Assert.Equal("https://api.lab.example.com:6443", provider.Url);
        var secret = await db.Secrets.SingleAsync();
        Assert.DoesNotContain("kubeconfig-token", secret.Ciphertext);
        var data = Services.GetRequiredService<SecretStore>().Read(secret)!;
        Assert.Equal(TwoContexts, data["kubeconfig"]);
        Assert.Equal("lab-admin", data["context"]);
        Assert.False(data.ContainsKey("token"));
    }

    [Fact]
    public async Task A_pasted_kubeconfig_with_an_exec_plugin_is_refused_and_nothing_is_saved()
    {
        var form = RenderForm<OpenShiftProviderForm>();
        form.Find("#field-name input").Change("eks");
        form.FindAll("#field-credentials input[type=radio]")[1].Click();

        form.Find("#field-kubeconfig textarea").Change(TwoContexts.Replace(SampleKubeconfigs.TokenLine,
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: oc-sso-helper", StringComparison.Ordinal) + "\ncurrent-context: prod-admin\n");
        await form.Find("#save-provider").ClickAsync(new());

        Assert.Contains("gets its credentials by running 'oc-sso-helper' (an exec plugin), which the console cannot run", form.Find("#field-kubeconfig").TextContent);
        await using var db = Db();
        Assert.False(await db.Providers.AnyAsync());
    }

    [Fact]
    public async Task Editing_a_kubeconfig_provider_shows_it_as_set_and_keeps_it_unless_replaced()
    {
        var store = Services.GetRequiredService<SecretStore>();
        var secret = store.Create("provider/ocp", new Dictionary<string, string> { ["kubeconfig"] = TwoContexts, ["context"] = "prod-admin" }, Time.GetUtcNow());
        await using (var db = Db())
        {
            db.Secrets.Add(secret);
            await db.SaveChangesAsync();
        }
        var existing = await AddAsync(new Provider { Name = "ocp", Type = ProviderType.OpenShift, Backing = ProviderBacking.Remote, Url = "https://api.prod.example.com:6443", SecretId = secret.Id });
        Provider? saved = null;

        var form = RenderForm<OpenShiftProviderForm>(existing, p => saved = p);

        Assert.Contains("Set. Upload or paste a new kubeconfig only to replace it.", form.Find("#field-kubeconfig").TextContent);
        Assert.Contains("https://api.prod.example.com:6443", form.Find("#kubeconfig-server").TextContent);
        Assert.DoesNotContain("kubeconfig-token", form.Markup);
        Assert.Empty(form.FindAll("#field-token"));
        form.Find("#field-name input").Change("ocp-renamed");
        await form.Find("#save-provider").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using (var db = Db())
        {
            var data = store.Read(await db.Secrets.SingleAsync())!;
            Assert.Equal((TwoContexts, "prod-admin"), (data["kubeconfig"], data["context"]));
            Assert.Equal("https://api.prod.example.com:6443", (await db.Providers.SingleAsync()).Url);
        }
    }

    [Fact]
    public async Task Skipping_certificate_verification_warns_and_is_saved_for_the_cluster()
    {
        Provider? saved = null;
        var form = RenderForm<OpenShiftProviderForm>(saved: p => saved = p);
        form.Find("#field-name input").Change("lab-ocp");
        form.Find("#field-url input").Change("https://api.lab.example.com:6443");
        form.Find("#field-token input").Change("sha256~t");
        Assert.Empty(form.FindAll("#skip-warning"));

        form.Find("#skip-verification input").Change(true);

        Assert.Contains("man-in-the-middle", form.Find("#skip-warning").TextContent);
        await form.Find("#save-provider").ClickAsync(new());
        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using var db = Db();
        Assert.True((await db.Providers.SingleAsync()).InsecureSkipVerify);
    }

    [Fact]
    public async Task A_fetched_certificate_is_pinned_only_once_the_user_trusts_it()
    {
        Provider? saved = null;
        var form = RenderForm<OpenShiftProviderForm>(saved: p => saved = p);
        form.Find("#field-name input").Change("pinned-ocp");
        form.Find("#field-url input").Change("https://api.ocp.example.com:6443");
        form.Find("#field-token input").Change("sha256~t");
        Fetcher.Next = new CertificateInfo("CN=api.ocp.example.com", "CN=ingress-operator", Time.GetUtcNow().AddDays(-1), Time.GetUtcNow().AddDays(300),
            "AA:BB", "11:22:33:44", "-----BEGIN CERTIFICATE-----");

        await form.Find("#fetch-certificate").ClickAsync(new());
        Assert.Equal("11:22:33:44", form.Find("#sha256").TextContent);
        await form.Find("#save-provider").ClickAsync(new());
        Assert.Contains("I trust this certificate", form.Find("#certificate-error").TextContent);

        form.Find("#trust-certificate input").Change(true);
        await form.Find("#save-provider").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(saved));
        await using var db = Db();
        var provider = await db.Providers.SingleAsync();
        Assert.Equal(("11:22:33:44", false), (provider.PinnedSha256, provider.InsecureSkipVerify));
    }
}
