using System.Runtime;



/// <summary>
/// Runs an action until tiered compilation has settled: the optimized (tier-1) code of a long-running
/// server is what a benchmark should measure. On a busy machine the background JIT lags, and a fixed
/// count of warm-up runs still measures unoptimized code, so this waits until no method has been
/// compiled over a whole run (at least <paramref name="minimum"/> runs, at most <paramref name="maximum"/>).
/// </summary>
internal static class JitWarmUp
{
    public static int Run(Action action, int minimum = 5, int maximum = 60)
    {
        var runs = 0;
        var compiled = JitInfo.GetCompiledMethodCount();
        while (runs < maximum)
        {
            action();
            runs++;
            // Tier-1 recompilation is queued after a call-count delay; give the background compiler its turn.
            Thread.Sleep(150);
            var now = JitInfo.GetCompiledMethodCount();
            if (runs >= minimum && now == compiled) break;
            compiled = now;
        }

        return runs;
    }
}
