using MtvConsole.Web.Hosting;

namespace MtvConsole.Web.Validation;

/// <summary>
/// Watches the custom rules file (<c>Validation:CustomRulesPath</c>) and reloads it when it is written,
/// created, renamed into place or deleted, so edited rules apply without a restart or a "re-check now".
/// A burst of file events coalesces into one reload; the loader ignores writes that leave the content as it was.
/// </summary>
internal sealed class CustomRulesWatcher(CustomRulesLoader rules, ILogger<CustomRulesWatcher> logger) : BackgroundService
{
    private readonly CoalescedTrigger _trigger = new();
    private FileSystemWatcher? _watcher;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (rules.Path is { } path && Path.GetDirectoryName(path) is { } folder && Directory.Exists(folder))
        {
            _watcher = new FileSystemWatcher(folder, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => _trigger.Request();
            _watcher.Created += (_, _) => _trigger.Request();
            _watcher.Deleted += (_, _) => _trigger.Request();
            _watcher.Renamed += (_, _) => _trigger.Request();
            _watcher.Error += (_, e) => logger.LogWarning(e.GetException(), "Watching the custom rules file {Path} failed; use re-check now after editing it.", path);
            _watcher.EnableRaisingEvents = true;
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _trigger.RunAsync(_ =>
        {
            rules.Reload();
            return Task.CompletedTask;
        }, logger, "Reloading the custom rules", stoppingToken);
}
