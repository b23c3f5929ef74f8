using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Web.Components.Layout;
using MudBlazor;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests;

public sealed class LayoutTests : BunitContext, IAsyncLifetime
{
    public LayoutTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<ThemeState>();
        AddAuthorization().SetAuthorized("ada").SetRoles("operator");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"page-body\">body</p>"))));

    [Fact]
    public void The_navigation_lists_every_section_in_order()
    {
        var layout = RenderLayout();

        var links = layout.FindAll("nav a, .mud-nav-link").Select(a => a.TextContent.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        Assert.Equal(["Overview", "Providers", "Network maps", "Storage maps", "Plans", "Validation", "Audit", "Settings"], links);
        Assert.NotNull(layout.Find("#page-body"));
    }

    [Fact]
    public void The_interactive_marker_appears_once_the_circuit_is_interactive()
    {
        Assert.NotNull(RenderLayout().Find("#interactive-ready"));
    }

    [Fact]
    public void The_marker_is_absent_while_not_interactive()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        Assert.Empty(RenderLayout().FindAll("#interactive-ready"));
    }

    [Fact]
    public void The_signed_in_user_is_shown()
    {
        Assert.Contains("ada", RenderLayout().Find("#user-chip").TextContent);
    }

    [Fact]
    public async Task The_theme_toggle_switches_to_dark_and_remembers_it()
    {
        var layout = RenderLayout();
        var theme = Services.GetRequiredService<ThemeState>();
        Assert.False(theme.IsDark);
        Assert.Equal("Switch to dark theme", layout.Find("#theme-toggle").GetAttribute("aria-label"));

        await layout.Find("#theme-toggle").ClickAsync(new MouseEventArgs());

        layout.WaitForAssertion(() => Assert.Equal("Switch to light theme", layout.Find("#theme-toggle").GetAttribute("aria-label")));
        Assert.True(theme.IsDark);
        var stored = Assert.Single(JSInterop.Invocations, i => i.Identifier == "localStorage.setItem");
        Assert.Equal(["mtv-theme", "dark"], stored.Arguments);
    }
}
