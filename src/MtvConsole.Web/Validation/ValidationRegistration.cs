using MtvConsole.Core.Ports;
using MtvConsole.Core.Validation;

namespace MtvConsole.Web.Validation;

/// <summary>Registers the validation service, its stores, the custom rules loader and the inventory sync.</summary>
internal static class ValidationRegistration
{
    public static void AddValidation(this WebApplicationBuilder builder, string dataFolder)
    {
        var services = builder.Services;
        services.AddSingleton<IConcernStore, InMemoryConcernStore>();
        services.AddSingleton<ValidationService>();
        services.AddSingleton<IAcknowledgementStore>(sp => new JsonAcknowledgementStore(Path.Combine(dataFolder, "validation-acknowledgements.json"),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<JsonAcknowledgementStore>>()));
        services.AddSingleton<ConcernAcknowledgements>();
        services.AddSingleton<IPlanLookup, DbPlanLookup>();
        services.AddSingleton<ProviderValidationSync>();
        services.AddSingleton<CustomRulesLoader>();
        services.AddSingleton<IValidationRecheck, ValidationRecheck>();
        services.AddHostedService<ValidationHostedService>();
        services.AddHostedService<CustomRulesWatcher>();
    }
}
