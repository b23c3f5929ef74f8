namespace MtvConsole.Web.Hosting;

/// <summary>
/// The app's content root is the repository's top level (where <c>appsettings.json</c> and
/// <c>wwwroot/</c> live) when running from a checkout, and the app folder when published.
/// </summary>
internal static class ContentRoot
{
    private const string Marker = "MtvConsole.sln";

    public static string Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
