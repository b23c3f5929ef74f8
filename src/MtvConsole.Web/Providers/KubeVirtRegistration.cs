using MtvConsole.KubeVirt;

namespace MtvConsole.Web.Providers;

/// <summary>The real OpenShift Virtualization target: adapters per provider, source credentials for the importer, and the inventory watch.</summary>
internal static class KubeVirtRegistration
{
    public static IServiceCollection AddKubeVirtTarget(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KubeVirtOptions>(configuration.GetSection(KubeVirtOptions.Section));
        services.AddSingleton<ISourceCredentials, SourceCredentialStore>();
        services.AddSingleton<KubeVirtClusters>();
        services.AddHostedService<ClusterInventoryWatchService>();
        services.AddSingleton<MtvConsole.Web.Planning.PlanManifests>();
        return services;
    }
}
