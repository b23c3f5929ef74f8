namespace MtvConsole.Web.Providers;

/// <summary>Services behind the provider forms and the migration-network hosts page.</summary>
internal static class ProviderEditingRegistration
{
    public static IServiceCollection AddProviderEditing(this IServiceCollection services)
    {
        services.AddSingleton<SecretStore>();
        services.AddSingleton<ICertificateFetcher, TlsCertificateFetcher>();
        services.AddSingleton<ProviderEditor>();
        services.AddSingleton<HostNetworkService>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(HostConnectionTestOptions.Section).Get<HostConnectionTestOptions>() ?? new HostConnectionTestOptions());
        services.AddSingleton<HostConnectionTester>();
        return services;
    }
}
