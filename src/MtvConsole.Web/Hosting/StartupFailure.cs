namespace MtvConsole.Web.Hosting;

/// <summary>Stops start-up with one clear log line naming the problem, and a non-zero exit code.</summary>
internal static class StartupFailure
{
    public static int Report(string problem, ILogger? logger = null)
    {
        if (logger is not null) logger.LogCritical("Start-up stopped: {Problem}", problem);
        else Console.Error.WriteLine($"crit: Start-up stopped: {problem}");
        return 1;
    }
}
