using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Validation;

/// <summary>
/// Loads the custom rules at start and validates every provider's VMs: once at start and after every
/// provider refresh (when the inventory may have added or changed VMs).
/// </summary>
internal sealed class ValidationHostedService(
    CustomRulesLoader rules, ProviderValidationSync sync, ProviderStatusService status, ILogger<ValidationHostedService> logger) : IHostedService
{
    private CancellationTokenSource? _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        rules.Reload();
        status.Changed += OnInventoryRefreshed;
        OnInventoryRefreshed();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        status.Changed -= OnInventoryRefreshed;
        _stopping?.Cancel();
        return Task.CompletedTask;
    }

    private void OnInventoryRefreshed() => _ = SyncAsync();

    private async Task SyncAsync()
    {
        try
        {
            await sync.SyncAllAsync(_stopping!.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Validation of the inventory failed.");
        }
    }
}
