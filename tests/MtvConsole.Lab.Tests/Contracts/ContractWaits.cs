namespace MtvConsole.Lab.Tests.Contracts;

/// <summary>Polls a condition, letting time pass between polls through the implementation's own clock hook.</summary>
internal static class ContractWaits
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<TimeSpan, Task> letTimePass, TimeSpan max, TimeSpan step)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (waited >= max)
            {
                throw new TimeoutException($"Condition not reached within {max}; last value: {value}");
            }

            await letTimePass(step);
            waited += step;
        }
    }
}
