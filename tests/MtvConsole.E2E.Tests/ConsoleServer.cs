using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MtvConsole.E2E.Tests;

/// <summary>
/// The console on a real Kestrel port on loopback, with its own data folder, for the browser and the
/// benchmarks. The type argument is any public type of the web app: it names the assembly whose entry
/// point runs (the bench projects have a Program of their own).
/// </summary>
public sealed class ConsoleServer : WebApplicationFactory<MtvConsole.Web.Providers.ProviderStatusService>
{
    public const string AdminPassword = "e2e-admin-password";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"mtv-e2e-{Guid.NewGuid():N}");
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private readonly TimeProvider? _time;

    /// <param name="settings">Extra configuration (for example <c>Lab:VmCount</c> or fast Lab timings), applied after the defaults.</param>
    /// <param name="time">The app's clock instead of the system's.</param>
    public ConsoleServer(IReadOnlyDictionary<string, string>? settings = null, TimeProvider? time = null)
    {
        (_settings, _time) = (settings, time);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public string Url => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var root = MtvConsole.Web.Hosting.ContentRoot.Locate();
        builder.UseContentRoot(root);
        builder.UseWebRoot(Path.Combine(root, "wwwroot"));
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataFolder", _dataFolder);
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_dataFolder, "mtv.db")}");
        builder.UseSetting("Auth:AdminPassword", AdminPassword);
        foreach (var (key, value) in _settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (_time is not null) builder.ConfigureTestServices(services => services.AddSingleton(_time));
    }


    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataFolder)) Directory.Delete(_dataFolder, recursive: true);
    }
}
