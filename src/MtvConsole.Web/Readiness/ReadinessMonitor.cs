using MtvConsole.Core.Validation;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Readiness;

/// <summary>
/// Re-evaluates maps and plans after every inventory refresh, and plans after concerns or their
/// acknowledgements change (Critical concerns block a plan unless acknowledged).
/// </summary>
internal sealed class ReadinessMonitor(
    ProviderStatusService status,
    ValidationService validation,
    ConcernAcknowledgements acknowledgements,
    ReadinessService readiness,
    ILogger<ReadinessMonitor> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        status.Changed += OnInventoryChanged;
        validation.Changed += OnInventoryChanged;
        acknowledgements.Changed += OnInventoryChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        status.Changed -= OnInventoryChanged;
        validation.Changed -= OnInventoryChanged;
        acknowledgements.Changed -= OnInventoryChanged;
        return Task.CompletedTask;
    }

    private async void OnInventoryChanged()
    {
        try
        {
            await readiness.RevalidateAllAsync();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Re-evaluating maps and plans after an inventory refresh failed.");
        }
    }
}
