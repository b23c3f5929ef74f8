namespace MtvConsole.Lab;

/// <summary>
/// Runs the Lab's synchronous simulation behind the asynchronous ports: a canceled token gives a
/// canceled task, and an exception is carried by the task instead of being thrown at the call.
/// </summary>
internal static class SyncTask
{
    public static Task<T> Run<T>(Func<T> action, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(action());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    public static Task Run(Action action, CancellationToken cancellationToken) =>
        Run(() =>
        {
            action();
            return true;
        }, cancellationToken);
}
