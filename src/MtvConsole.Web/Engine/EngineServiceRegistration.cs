using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.Data.Engine;
using MtvConsole.Lab;

namespace MtvConsole.Web.Engine;

/// <summary>Registers the migration engine, its store, the hook runner, the event feed, the commands and the hosted loop.</summary>
internal static class EngineServiceRegistration
{
    public static void AddMigrationEngine(this IServiceCollection services)
    {
        services.AddSingleton<IMigrationStore, EfMigrationStore>();
        services.AddSingleton<IHookRunner>(sp => sp.GetRequiredService<LabWorld>().Hooks);
        services.AddSingleton<EngineEventFeed>();
        services.AddSingleton(sp => new MigrationEngine(
            sp.GetRequiredService<IMigrationStore>(), sp.GetRequiredService<IProviderAdapters>(), sp.GetRequiredService<IHookRunner>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<EngineEventFeed>())
        {
            StepsPerTick = Math.Clamp(sp.GetRequiredService<IConfiguration>().GetValue("Engine:StepsPerTick", 8), 1, 50),
        });
        services.AddSingleton<MigrationCommands>();
        services.AddSingleton<EngineHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<EngineHostedService>());
    }
}
