namespace MtvConsole.Web.Providers;

/// <summary>Loads every provider's inventory at start and then every <c>Inventory:RefreshMinutes</c> (default 10).</summary>
internal sealed class ProviderRefreshService(ProviderStatusService status, TimeProvider time, IConfiguration configuration) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Inventory:RefreshMinutes", 10)));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await status.RefreshAllAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
