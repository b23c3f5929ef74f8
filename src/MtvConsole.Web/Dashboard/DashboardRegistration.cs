namespace MtvConsole.Web.Dashboard;

/// <summary>Registers the live dashboard: SignalR, the store reader, the in-process feed and the dispatcher; maps the hub.</summary>
internal static class DashboardRegistration
{
    public const string HubPath = "/hubs/migrations";

    public static void AddDashboard(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<DashboardReader>();
        services.AddSingleton<DashboardFeed>();
        services.AddSingleton<DashboardDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardDispatcher>());
    }

    public static void MapDashboardHub(this IEndpointRouteBuilder app) =>
        app.MapHub<MigrationHub>(HubPath).RequireAuthorization();
}
