using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Providers;
using MudBlazor;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests;

/// <summary>
/// bUnit with MudBlazor and the real provider services over a migrated SQLite file, an ephemeral Data
/// Protection key, a recording audit log, no provider adapters and a scripted certificate fetcher.
/// </summary>
public abstract class FormFixture : BunitContext, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mtv-forms-{Guid.NewGuid():N}");

    protected FormFixture()
    {
        Directory.CreateDirectory(_folder);
        var connection = $"Data Source={Path.Combine(_folder, "mtv.db")}";
        using (var db = new MtvDbContext(new DbContextOptionsBuilder<MtvDbContext>().UseSqlite(connection).Options))
            db.Database.Migrate();

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddDbContextFactory<MtvDbContext>(o => o.UseSqlite(connection));
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton<IAuditLog>(Audit);
        Services.AddSingleton<IProviderAdapters, NoAdapters>();
        Services.AddSingleton<ICertificateFetcher>(Fetcher);
        Services.AddSingleton<SecretStore>();
        Services.AddSingleton(sp => new VsphereAdapters(sp.GetRequiredService<IDbContextFactory<MtvDbContext>>(), sp.GetRequiredService<SecretStore>(),
            Time, Path.Combine(_folder, "inventory")));
        Services.AddSingleton<ProviderStatusService>();
        Services.AddSingleton<ProviderEditor>();
        Services.AddSingleton<MtvConsole.Web.Auth.ApiTokenService>();
        Auth = AddAuthorization();
        Auth.SetAuthorized("otto").SetRoles("operator");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected BunitAuthorizationContext Auth { get; }

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    protected RecordingAudit Audit { get; } = new();
    protected ScriptedFetcher Fetcher { get; } = new();

    protected MtvDbContext Db() => Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContext();

    protected async Task<Provider> AddAsync(Provider provider)
    {
        await using var db = Db();
        db.Providers.Add(provider);
        await db.SaveChangesAsync();
        return provider;
    }

    protected IRenderedComponent<T> RenderForm<T>(Provider? existing = null, Action<Provider>? saved = null)
        where T : IComponent
    {
        Render<MudPopoverProvider>();
        var host = Render(b =>
        {
            b.OpenComponent<T>(0);
            b.AddAttribute(1, "Existing", existing);
            b.AddAttribute(2, "OnSaved", EventCallback.Factory.Create<Provider>(this, x => saved?.Invoke(x)));
            b.CloseComponent();
        });
        return host.FindComponent<T>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    public sealed class RecordingAudit : IAuditLog
    {
        public List<(string User, string Action, string Target, string Details)> Entries { get; } = [];

        public Task RecordAsync(string user, string action, string target, string details = "", bool succeeded = true, CancellationToken cancellationToken = default)
        {
            lock (Entries) Entries.Add((user, action, target, details));
            return Task.CompletedTask;
        }
    }

    public sealed class ScriptedFetcher : ICertificateFetcher
    {
        public CertificateInfo? Next { get; set; }
        public List<string> Urls { get; } = [];

        public Task<CertificateInfo> FetchAsync(string url, CancellationToken cancellationToken = default)
        {
            Urls.Add(url);
            return Next is { } info ? Task.FromResult(info) : throw new CertificateFetchException($"Could not connect to {new Uri(url).Authority}: refused");
        }
    }

    private sealed class NoAdapters : IProviderAdapters
    {
        public ISourceProvider Source(Provider provider) => throw new ProviderUnavailableException("no adapter in this test");
        public ITargetCluster Target(Provider provider) => throw new ProviderUnavailableException("no adapter in this test");
    }
}
