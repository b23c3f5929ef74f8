using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MtvConsole.Core.Auditing;
using MtvConsole.Core.Ports;
using MtvConsole.Data;
using MtvConsole.Data.Accounts;
using MtvConsole.Lab;
using MtvConsole.Web.Auditing;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Components.Layout;
using MtvConsole.Web.Engine;
using MtvConsole.Web.Providers;
using MtvConsole.Web.Readiness;
using MtvConsole.Web.Validation;
using MudBlazor.Services;

namespace MtvConsole.Web.Hosting;

/// <summary>The one place the web app registers its services.</summary>
internal static class ServiceRegistration
{
    public static void AddConsoleServices(this WebApplicationBuilder builder, string connectionString, string dataFolder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        services.AddCascadingAuthenticationState();
        services.AddScoped<ThemeState>();

        services.AddDbContextFactory<MtvDbContext>(o => o.UseSqlite(connectionString));
        services.AddHealthChecks().AddDbContextCheck<MtvDbContext>("database");

        services.AddDataProtection()
            .SetApplicationName("MtvConsole")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));

        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<IAuditLog, DbAuditLog>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AdminBootstrapper>();
        var sessionHours = builder.Configuration.GetValue("Auth:SessionHours", 8);
        services.AddSingleton<ApiTokenService>();
        services.AddAuthentication(ApiTokenAuthenticationHandler.CookieOrToken)
            .AddPolicyScheme(ApiTokenAuthenticationHandler.CookieOrToken, "Session cookie or API token",
                o => o.ForwardDefaultSelector = ApiTokenAuthenticationHandler.SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "mtv.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(sessionHours);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;
                // API clients get status codes, not redirects to the sign-in page.
                o.Events.OnRedirectToLogin = c => RedirectOrStatus(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => RedirectOrStatus(c, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorization(Policies.Add);
        services.AddProblemDetails();
        MtvConsole.Web.Api.V1.ApiDocument.AddApiDocument(services);
        services.AddSingleton<MtvConsole.Web.Api.V1.PlanRequests>();

        services.Configure<LabOptions>(builder.Configuration.GetSection("Lab"));
        services.AddSingleton(sp => new LabWorld(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LabOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new LabVCenter(sp.GetRequiredService<LabWorld>()));
        services.AddSingleton(sp => new LabCluster(sp.GetRequiredService<LabWorld>()));
        services.AddSingleton(sp => new VsphereAdapters(sp.GetRequiredService<IDbContextFactory<MtvDbContext>>(), sp.GetRequiredService<SecretStore>(),
            sp.GetRequiredService<TimeProvider>(), Path.Combine(dataFolder, "inventory")));
        services.AddKubeVirtTarget(builder.Configuration);
        services.TryAddSingleton<IProviderAdapters, ProviderAdapters>();
        services.AddSingleton<ProviderStatusService>();
        services.AddSingleton<ChangeTrackingService>();
        services.AddSingleton<IChangeTrackingActions>(sp => sp.GetRequiredService<ChangeTrackingService>());
        services.AddProviderEditing();
        services.AddSingleton<LabSeeder>();
        services.AddHostedService<ProviderRefreshService>();
        services.AddSingleton<VddkImageChecks>();
        services.AddSingleton<ReadinessService>();
        services.AddSingleton<MtvConsole.Web.Mapping.MapStore>();
        services.AddSingleton<MtvConsole.Web.Planning.PlanStore>();
        services.AddHostedService<ReadinessMonitor>();
        services.AddSingleton(sp => new LabStatePersistence(sp.GetRequiredService<LabWorld>(), Path.Combine(dataFolder, "lab-state.json"),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LabStatePersistence>>()));
        services.AddHostedService(sp => sp.GetRequiredService<LabStatePersistence>());
        builder.AddValidation(dataFolder);
        services.AddMigrationEngine();
        MtvConsole.Web.Dashboard.DashboardRegistration.AddDashboard(services);
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (ApiTokenAuthenticationHandler.IsAutomationPath(context.Request.Path))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
