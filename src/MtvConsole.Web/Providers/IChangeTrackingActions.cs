namespace MtvConsole.Web.Providers;

/// <summary>"Enable CBT" as the validation page uses it: which providers can do it, and the action itself.</summary>
public interface IChangeTrackingActions
{
    /// <summary>The ids of the providers whose VMs can have CBT enabled from the console: real (Remote) vSphere providers.</summary>
    Task<IReadOnlySet<Guid>> CapableProvidersAsync(CancellationToken ct = default);

    /// <summary>Enables CBT on the VMs of one provider, each audited; see <see cref="ChangeTrackingService.EnableAsync"/>.</summary>
    Task<CbtOutcome> EnableAsync(string providerName, IReadOnlyList<string> vmIds, string user, CancellationToken ct = default);
}
