using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Engine;
using MtvConsole.Data;
using MtvConsole.Web.Components.Shared;
using MudBlazor;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests;

/// <summary>The engine settings on the Settings page (bUnit over the console's store and commands): defaults shown, a bad value refused, a change saved and audited.</summary>
public sealed class EngineSettingsEditorTests : BunitContext, IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public Task InitializeAsync()
    {
        _ = _factory.Server;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_factory.Services.GetRequiredService<IMigrationStore>());
        Services.AddSingleton(_factory.Services.GetRequiredService<MigrationCommands>());
        Render<MudPopoverProvider>();
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private IMigrationStore Store => _factory.Services.GetRequiredService<IMigrationStore>();

    private static MudNumericField<int> Field(IRenderedComponent<EngineSettingsEditor> editor, string label) =>
        editor.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Label!.StartsWith(label, StringComparison.Ordinal)).Instance;

    private static Task SaveAsync(IRenderedComponent<EngineSettingsEditor> editor) =>
        editor.FindAll("button").Single(b => b.TextContent.Contains("Save engine settings", StringComparison.Ordinal)).ClickAsync(new MouseEventArgs());

    [Fact]
    public void Every_knob_shows_its_value_and_its_default()
    {
        var editor = Render<EngineSettingsEditor>(p => p.Add(e => e.Actor, "admin"));
        var defaults = new EngineSettings();

        var labels = editor.WaitForElements("label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains($"Max in-flight disk transfers per ESXi host [{defaults.MaxInFlightPerHost}]", labels);
        Assert.Contains($"Precopy interval, minutes [{defaults.PrecopyIntervalMinutes}]", labels);
        Assert.Contains($"Warm: failed precopies in all before the VM fails [{defaults.WarmMaxFailures}]", labels);
        Assert.Contains($"Warm: failed precopies in a row before the VM fails [{defaults.WarmMaxConsecutiveFailures}]", labels);
        Assert.Contains($"Hook retries [{defaults.HookRetries}]", labels);
        Assert.Contains($"Importer retries [{defaults.ImporterRetries}]", labels);
        Assert.Contains($"Importer start timeout, minutes [{defaults.ImporterStartTimeoutMinutes}]", labels);
        Assert.Equal(defaults.MaxInFlightPerHost.ToString(System.Globalization.CultureInfo.InvariantCulture), editor.FindAll("input").First().GetAttribute("value"));
    }

    [Fact]
    public async Task A_bad_value_is_refused_with_its_reason_and_a_good_one_is_saved_and_audited()
    {
        var editor = Render<EngineSettingsEditor>(p => p.Add(e => e.Actor, "admin"));
        var field = Field(editor, "Max in-flight");

        await editor.InvokeAsync(() => field.ValueChanged.InvokeAsync(0));
        await SaveAsync(editor);
        editor.WaitForAssertion(() => Assert.Contains("in-flight", editor.Find(".mud-alert").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(20, (await Store.GetSettingsAsync()).MaxInFlightPerHost);

        await editor.InvokeAsync(() => field.ValueChanged.InvokeAsync(12));
        await SaveAsync(editor);
        editor.WaitForAssertion(() => Assert.Empty(editor.FindAll(".mud-alert")));
        Assert.Equal(12, (await Store.GetSettingsAsync()).MaxInFlightPerHost);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        Assert.Contains(await db.Audit.Where(a => a.Target == "engine-settings").ToListAsync(), a => a.User == "admin" && a.Succeeded && a.Details.Contains("12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_importer_start_timeout_is_edited_with_the_other_knobs_and_zero_is_refused()
    {
        var editor = Render<EngineSettingsEditor>(p => p.Add(e => e.Actor, "admin"));
        var field = Field(editor, "Importer start timeout");
        Assert.Equal(10, (await Store.GetSettingsAsync()).ImporterStartTimeoutMinutes);

        await editor.InvokeAsync(() => field.ValueChanged.InvokeAsync(0));
        await SaveAsync(editor);
        editor.WaitForAssertion(() => Assert.Contains("importer start timeout must be at least 1 minute", editor.Find(".mud-alert").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(10, (await Store.GetSettingsAsync()).ImporterStartTimeoutMinutes);

        await editor.InvokeAsync(() => field.ValueChanged.InvokeAsync(25));
        await SaveAsync(editor);
        editor.WaitForAssertion(() => Assert.Empty(editor.FindAll(".mud-alert")));
        Assert.Equal(25, (await Store.GetSettingsAsync()).ImporterStartTimeoutMinutes);
    }
}
