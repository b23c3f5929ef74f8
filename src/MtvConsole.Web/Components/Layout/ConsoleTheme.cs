using MudBlazor;

namespace MtvConsole.Web.Components.Layout;

/// <summary>The one theme of the console, with its light and dark palettes.</summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0066cc",
            Secondary = "#6753ac",
            AppbarBackground = "#151515",
            DrawerBackground = "#f7f7f9",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#73bcf7",
            Secondary = "#b2a3ff",
            AppbarBackground = "#0f1214",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["RedHatText", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
