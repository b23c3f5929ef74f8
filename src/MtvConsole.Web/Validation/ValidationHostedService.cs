using MtvConsole.Web.Hosting;
using MtvConsole.Web.Providers;
using MtvConsole.Web.Readiness;

namespace MtvConsole.Web.Validation;

/// <summary>
/// Loads the custom rules at start and validates every provider's VMs: once at start, after every
/// provider refresh (when the inventory may have added or changed VMs), and after plans were re-evaluated
/// (a plan saved, made warm or given other VMs changes which VMs get the warm-plan rules). A run that
/// changes nothing raises no event, so the loop with the readiness monitor ends. Requests during a run
/// coalesce into one more run, and no run outlives the app.
/// </summary>
internal sealed class ValidationHostedService(
    CustomRulesLoader rules, ProviderValidationSync sync, ProviderStatusService status, ReadinessService readiness,
    ILogger<ValidationHostedService> logger) : BackgroundService
{
    private readonly CoalescedTrigger _trigger = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        rules.Reload();
        status.Changed += _trigger.Request;
        readiness.Changed += _trigger.Request;
        _trigger.Request();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        status.Changed -= _trigger.Request;
        readiness.Changed -= _trigger.Request;
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _trigger.RunAsync(sync.SyncAllAsync, logger, "Validation of the inventory", stoppingToken);
}
