using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Web.Auth;

namespace MtvConsole.Web.Tests;

/// <summary>The whole console on a TestServer, with its own data folder and a fake clock.</summary>
public sealed partial class ConsoleFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "correct-horse-battery";

    private readonly bool _keepData;

    /// <param name="dataFolder">An existing data folder to start on (a restart); it is then kept afterwards.</param>
    public ConsoleFactory(string? dataFolder = null)
    {
        _keepData = dataFolder is not null;
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), $"mtv-web-{Guid.NewGuid():N}");
    }

    public string DataFolder { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The app's content root is the repository's top level (appsettings.json, wwwroot/).
        var root = MtvConsole.Web.Hosting.ContentRoot.Locate();
        builder.UseContentRoot(root);
        builder.UseWebRoot(Path.Combine(root, "wwwroot"));
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataFolder", DataFolder);
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(DataFolder, "mtv.db")}");
        builder.UseSetting("Auth:AdminPassword", AdminPassword);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }


    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form as a browser would (with the page's antiforgery token) and returns the response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["userName"] = user,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    public async Task<HttpClient> SignedInAsync(string user, string password)
    {
        var client = Browser();
        var response = await SignInAsync(client, user, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    public async Task CreateUserAsync(string user, string password, string role)
    {
        var problem = await Services.GetRequiredService<AccountService>().CreateAsync("admin", user, password, role);
        Assert.Null(problem);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>
    /// Removes a test's data folder. A file written during shutdown (the Lab state, a key) can land while
    /// the tree is being deleted, so a second pass finishes the job.
    /// </summary>
    public static void DeleteFolder(string folder)
    {
        for (var attempt = 1; Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) when (attempt < 3)
            {
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!_keepData) DeleteFolder(DataFolder);
    }
}
