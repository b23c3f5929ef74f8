using MtvConsole.Core.Validation;
using MtvConsole.Web.Hosting;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Readiness;

/// <summary>
/// Re-evaluates maps and plans after every inventory refresh, and plans after concerns or their
/// acknowledgements change (Critical concerns block a plan unless acknowledged). Bursts of changes
/// coalesce into one pass, and no pass runs after the app stops.
/// </summary>
internal sealed class ReadinessMonitor(
    ProviderStatusService status,
    ValidationService validation,
    ConcernAcknowledgements acknowledgements,
    ReadinessService readiness,
    ILogger<ReadinessMonitor> logger) : BackgroundService
{
    private readonly CoalescedTrigger _trigger = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        status.Changed += _trigger.Request;
        validation.Changed += _trigger.Request;
        acknowledgements.Changed += _trigger.Request;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        status.Changed -= _trigger.Request;
        validation.Changed -= _trigger.Request;
        acknowledgements.Changed -= _trigger.Request;
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _trigger.RunAsync(readiness.RevalidateAllAsync, logger, "Re-evaluating maps and plans", stoppingToken);
}
