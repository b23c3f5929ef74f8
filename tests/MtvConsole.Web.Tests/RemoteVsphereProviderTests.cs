using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MtvConsole.Core.Validation;
using MtvConsole.Web.Validation;
using MudBlazor;
using MudBlazor.Services;
using ValidationPage = MtvConsole.Web.Components.Pages.Validation;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Vsphere.Tests.Simulator;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

/// <summary>A remote vSphere provider against the vCenter simulator: the connection test, vCenter's refusal, and the saved inventory after a restart.</summary>
public sealed class RemoteVsphereProviderTests : IAsyncLifetime
{
    private Vcsim _sim = null!;

    public async Task InitializeAsync() => _sim = await Vcsim.StartAsync("-tls", "-vm", "12", "-scenario");

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private async Task<Guid> AddProviderAsync(ConsoleFactory console, string password)
    {
        var secrets = console.Services.GetRequiredService<SecretStore>();
        var secret = secrets.Create("provider/sim-vc", new Dictionary<string, string> { ["user"] = Vcsim.User, ["password"] = password }, console.Time.GetUtcNow());
        var provider = new Provider
        {
            Name = "sim-vc", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote, Url = _sim.Url.ToString(),
            UserName = Vcsim.User, SecretId = secret.Id, PinnedSha1 = _sim.Thumbprint,
        };
        await using var db = await console.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        db.Secrets.Add(secret);
        db.Providers.Add(provider);
        await db.SaveChangesAsync();
        return provider.Id;
    }

    private static async Task<Provider> ProviderAsync(ConsoleFactory console, Guid id)
    {
        await using var db = await console.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        return await db.Providers.SingleAsync(p => p.Id == id);
    }

    [Fact]
    public async Task The_connection_test_loads_the_inventory_and_saves_it_for_a_restart()
    {
        Guid id;
        var dataFolder = Path.Combine(Path.GetTempPath(), $"mtv-web-{Guid.NewGuid():N}");
        DateTimeOffset loadedAt;
        await using (var console = new ConsoleFactory(dataFolder))
        {
            _ = console.Server;
            id = await AddProviderAsync(console, Vcsim.Password);
            var status = console.Services.GetRequiredService<ProviderStatusService>();

            Assert.True(await status.RefreshAsync(id));

            var provider = await ProviderAsync(console, id);
            Assert.Contains(provider.Conditions, c => c.Type == ConditionTypes.ConnectionTestSucceeded);
            Assert.Contains(provider.Conditions, c => c.Type == ConditionTypes.InventoryCreated);
            Assert.Equal(ProviderPhase.Ready, provider.Phase);
            var summary = status.Summary(id)!;
            Assert.Equal(_sim.VmCount, summary.Counts.Vms);
            loadedAt = summary.LoadedAt;
            Assert.True(File.Exists(Path.Combine(dataFolder, "inventory", $"{id:N}.json.gz")));
        }

        await _sim.DisposeAsync();
        await using (var restarted = new ConsoleFactory(dataFolder))
        {
            _ = restarted.Server;
            var status = restarted.Services.GetRequiredService<ProviderStatusService>();
            await status.RefreshAllAsync();

            var summary = status.Summary(id)!;
            Assert.Equal(12, summary.Counts.Vms);
            Assert.Equal(loadedAt, summary.LoadedAt);
            var provider = await ProviderAsync(restarted, id);
            Assert.Contains(provider.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed);
        }
        ConsoleFactory.DeleteFolder(dataFolder);
    }

    [Fact]
    public async Task Bad_credentials_fail_the_connection_test_with_vcenters_message()
    {
        await using var console = new ConsoleFactory();
        _ = console.Server;
        var id = await AddProviderAsync(console, "not-the-password");

        await console.Services.GetRequiredService<ProviderStatusService>().RefreshAsync(id);

        var provider = await ProviderAsync(console, id);
        var failed = Assert.Single(provider.Conditions, c => c.Type == ConditionTypes.ConnectionTestFailed);
        Assert.Contains("Login failed: InvalidLogin", failed.Message, StringComparison.Ordinal);
        Assert.Equal(ProviderPhase.ConnectionFailed, provider.Phase);
    }

    [Fact]
    public async Task Enable_cbt_reconfigures_the_selected_vms_and_is_audited()
    {
        await using var console = new ConsoleFactory();
        _ = console.Server;
        var id = await AddProviderAsync(console, Vcsim.Password);
        await console.CreateUserAsync("otto", "operator-password-1", "operator");
        await console.CreateUserAsync("vera", "viewer-password-1", "viewer");
        var vmId = _sim.Role("cbt-off").Id;
        var viewer = await console.SignedInAsync("vera", "viewer-password-1");
        var operatorClient = await console.SignedInAsync("otto", "operator-password-1");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/providers/sim-vc/enable-cbt", new { vmIds = new[] { vmId } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorClient.PostAsJsonAsync("/api/v1/providers/sim-vc/enable-cbt", new { vmIds = new[] { "vm-nope" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.PostAsJsonAsync("/api/v1/providers/nope/enable-cbt", new { vmIds = new[] { vmId } })).StatusCode);
        var response = await operatorClient.PostAsJsonAsync("/api/v1/providers/sim-vc/enable-cbt", new { vmIds = new[] { vmId } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Assert.Single((await response.Content.ReadFromJsonAsync<List<ChangeTrackingResultDto>>())!);
        Assert.True(result.Enabled, result.Error);
        var adapters = console.Services.GetRequiredService<Core.Ports.IProviderAdapters>();
        var inventory = await adapters.Source(await ProviderAsync(console, id)).GetInventoryAsync();
        Assert.True(inventory.FindVm(vmId)!.ChangeTrackingEnabled);
        await using var db = await console.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        var entry = await db.Audit.SingleAsync(a => a.Action == ChangeTrackingService.AuditAction);
        Assert.Equal(("otto", $"sim-vc/{_sim.Role("cbt-off").Name}", true), (entry.User, entry.Target, entry.Succeeded));
    }

    [Fact]
    public async Task Enable_cbt_on_the_validation_page_reconfigures_the_vm_in_vcenter_and_its_concern_disappears()
    {
        await using var console = new ConsoleFactory();
        _ = console.Server;
        var id = await AddProviderAsync(console, Vcsim.Password);
        await console.Services.GetRequiredService<ProviderStatusService>().RefreshAsync(id);
        await console.Services.GetRequiredService<IValidationRecheck>().RecheckAsync();
        var validation = console.Services.GetRequiredService<ValidationService>();
        var vmId = _sim.Role("cbt-off").Id;
        const string rule = "vmware.changed_block_tracking.disabled";
        Assert.Contains(validation.Store.Get(id, vmId)!.Concerns, c => c.Id == rule);

        await using var bunit = new BunitContext();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.AddMudServices();
        foreach (var type in new[] { typeof(ValidationService), typeof(ConcernAcknowledgements), typeof(IPlanLookup), typeof(IValidationRecheck), typeof(IChangeTrackingActions) })
            bunit.Services.AddSingleton(type, console.Services.GetRequiredService(type));
        bunit.AddAuthorization().SetAuthorized("otto").SetRoles("operator");
        bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        bunit.Render<MudPopoverProvider>();
        var page = bunit.Render<ValidationPage>();

        await page.Find($"tr.concern-group[data-rule='{rule}']").ClickAsync(new MouseEventArgs());
        await page.Find($"input.cbt-select[data-vm='{vmId}']").ChangeAsync(new ChangeEventArgs { Value = true });
        await page.Find("#enable-cbt").ClickAsync(new MouseEventArgs());
        Assert.Contains("Enable changed block tracking on 1 VM of provider sim-vc?", page.Find("#cbt-confirm").TextContent);
        await page.Find("#cbt-confirm-yes").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("CBT enabled", page.Find($"tr.cbt-result[data-vm='{vmId}']").TextContent), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(validation.Store.Get(id, vmId)!.Concerns, c => c.Id == rule);
        Assert.Empty(page.FindAll($"tr.concern-group[data-rule='{rule}'] ~ tr.drill-down tr.affected-vm[data-vm='{vmId}']"));
        await using var db = await console.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        Assert.Equal("otto", (await db.Audit.SingleAsync(a => a.Action == ChangeTrackingService.AuditAction)).User);
    }

    private sealed record ChangeTrackingResultDto(string VmId, bool Enabled, string? Error);
}
