using Microsoft.EntityFrameworkCore;

namespace MtvConsole.Data;

/// <summary>
/// Runs a read-modify-write again when another writer saved the same row in between. Each attempt must
/// read afresh (a new DbContext), so it works on the other writer's result instead of overwriting it.
/// </summary>
public static class ConcurrencyRetry
{
    public const int Attempts = 5;

    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (i < Attempts)
            {
                // Someone else saved first: read again and reapply.
            }
        }
    }

    public static Task RunAsync(Func<Task> attempt) => RunAsync(async () =>
    {
        await attempt();
        return true;
    });
}
