using MtvConsole.Core.Engine;

namespace MtvConsole.Web.Engine;

/// <summary>
/// Runs the migration engine every <c>Engine:TickSeconds</c> (default 3, Forklift's poll interval) on the
/// app's <see cref="TimeProvider"/>. A failing tick is logged and the next one runs: since .NET 8 an
/// exception escaping a BackgroundService stops the host, so none may escape.
/// </summary>
internal sealed class EngineHostedService(MigrationEngine engine, TimeProvider time, IConfiguration configuration, ILogger<EngineHostedService> logger)
    : BackgroundService
{
    public long Ticks => Interlocked.Read(ref _ticks);

    public long FailedTicks => Interlocked.Read(ref _failedTicks);

    private long _ticks;
    private long _failedTicks;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        engine.ErrorReported += (message, e) => logger.LogWarning(e, "{Message}", message);
        var interval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Engine:TickSeconds", 3.0), 0.1, 60));
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await engine.TickAsync(stoppingToken);
                Interlocked.Increment(ref _ticks);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _failedTicks);
                logger.LogError(e, "A migration engine tick failed; the engine carries on with the next one.");
            }
        }
    }
}
