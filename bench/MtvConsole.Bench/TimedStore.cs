using System.Diagnostics;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;

/// <summary>Measures the time the engine spends in its store (SQLite through EF Core), to split a tick into store and engine time.</summary>
internal sealed class TimedStore(IMigrationStore inner) : IMigrationStore
{
    public double LoadMs { get; set; }
    public double SaveMs { get; set; }

    /// <summary>Load time per store call, by method name.</summary>
    public Dictionary<string, double> LoadMsByCall { get; } = [];

    private async Task<T> Load<T>(Func<Task<T>> call, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var watch = Stopwatch.StartNew();
        try { return await call(); }
        finally
        {
            LoadMs += watch.Elapsed.TotalMilliseconds;
            LoadMsByCall[name] = LoadMsByCall.GetValueOrDefault(name) + watch.Elapsed.TotalMilliseconds;
        }
    }

    private async Task Save(Func<Task> call)
    {
        var watch = Stopwatch.StartNew();
        try { await call(); } finally { SaveMs += watch.Elapsed.TotalMilliseconds; }
    }

    public Task<EngineSettings> GetSettingsAsync(CancellationToken ct = default) => Load(() => inner.GetSettingsAsync(ct));
    public Task SaveSettingsAsync(EngineSettings settings, CancellationToken ct = default) => Save(() => inner.SaveSettingsAsync(settings, ct));
    public Task<Plan?> FindPlanAsync(string name, CancellationToken ct = default) => Load(() => inner.FindPlanAsync(name, ct));
    public Task<PlanContext?> GetPlanContextAsync(Guid planId, CancellationToken ct = default) => Load(() => inner.GetPlanContextAsync(planId, ct));
    public Task UpdatePlanAsync(Guid planId, Action<Plan> change, CancellationToken ct = default) => Save(() => inner.UpdatePlanAsync(planId, change, ct));
    public Task<IReadOnlyList<MigrationRun>> GetUnfinishedRunsAsync(CancellationToken ct = default) => Load(() => inner.GetUnfinishedRunsAsync(ct));
    public Task<MigrationRun?> GetLastFinishedRunAsync(Guid planId, CancellationToken ct = default) => Load(() => inner.GetLastFinishedRunAsync(planId, ct));
    public Task<IReadOnlyList<MigrationRun>> GetRunsAsync(Guid planId, CancellationToken ct = default) => Load(() => inner.GetRunsAsync(planId, ct));
    public Task AddRunAsync(MigrationRun run, CancellationToken ct = default) => Save(() => inner.AddRunAsync(run, ct));
    public Task SaveRunAsync(MigrationRun run, CancellationToken ct = default) => Save(() => inner.SaveRunAsync(run, ct));
    public Task AddVmsAsync(IReadOnlyList<VmStatus> vms, CancellationToken ct = default) => Save(() => inner.AddVmsAsync(vms, ct));
    public Task SaveVmsAsync(IReadOnlyList<VmStatus> vms, CancellationToken ct = default) => Save(() => inner.SaveVmsAsync(vms, ct));
}
