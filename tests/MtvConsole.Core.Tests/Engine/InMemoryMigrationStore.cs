using System.Text.Json;
using System.Text.Json.Serialization;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>
/// A store that keeps serialized copies, like a database: what the engine holds is never the stored
/// object, so a new engine over the same store sees only what was saved.
/// </summary>
internal sealed class InMemoryMigrationStore : IMigrationStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly object _lock = new();
    private readonly Dictionary<Guid, string> _runs = [];
    private readonly Dictionary<Guid, string> _vms = [];
    private string _settings = JsonSerializer.Serialize(new EngineSettings(), Json);

    public Dictionary<Guid, Plan> Plans { get; } = [];
    public Dictionary<Guid, Provider> Providers { get; } = [];
    public Dictionary<Guid, StorageMap> StorageMaps { get; } = [];
    public Dictionary<Guid, NetworkMap> NetworkMaps { get; } = [];
    public Dictionary<Guid, Hook> Hooks { get; } = [];
    public List<MigrationNetworkHost> MigrationHosts { get; } = [];

    public int SavedVmCount { get; private set; }

    public Task<EngineSettings> GetSettingsAsync(CancellationToken cancellationToken = default) => Task.FromResult(Clone<EngineSettings>(_settings));

    public Task SaveSettingsAsync(EngineSettings settings, CancellationToken cancellationToken = default)
    {
        _settings = JsonSerializer.Serialize(settings, Json);
        return Task.CompletedTask;
    }

    public Task<Plan?> FindPlanAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Plans.Values.FirstOrDefault(p => p.Name == name));

    public Task<PlanContext?> GetPlanContextAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        if (!Plans.TryGetValue(planId, out var plan)) return Task.FromResult<PlanContext?>(null);
        return Task.FromResult<PlanContext?>(new PlanContext(
            plan,
            Providers[plan.SourceProviderId],
            Providers[plan.DestinationProviderId],
            plan.StorageMapId is { } s ? StorageMaps[s] : null,
            plan.NetworkMapId is { } n ? NetworkMaps[n] : null,
            Hooks,
            MigrationHosts));
    }

    public Task UpdatePlanAsync(Guid planId, Action<Plan> change, CancellationToken cancellationToken = default)
    {
        if (Plans.TryGetValue(planId, out var plan)) change(plan);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MigrationRun>> GetUnfinishedRunsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<MigrationRun>>(AllRuns().Where(r => r.Completed is null).OrderBy(r => r.CreatedAt).ToList());
        }
    }

    public Task<MigrationRun?> GetLastFinishedRunAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(AllRuns().Where(r => r.PlanId == planId && r.Completed is not null).OrderByDescending(r => r.CreatedAt).FirstOrDefault());
        }
    }

    public Task<IReadOnlyList<MigrationRun>> GetRunsAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<MigrationRun>>(AllRuns().Where(r => r.PlanId == planId).OrderBy(r => r.CreatedAt).ToList());
        }
    }

    public Task AddRunAsync(MigrationRun run, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _runs.Add(run.Id, JsonSerializer.Serialize(WithoutVms(run), Json));
            foreach (var vm in run.Vms) _vms.Add(vm.Id, JsonSerializer.Serialize(vm, Json));
        }

        return Task.CompletedTask;
    }

    public Task SaveRunAsync(MigrationRun run, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_runs.ContainsKey(run.Id)) throw new InvalidOperationException($"Run {run.Id} does not exist.");
            _runs[run.Id] = JsonSerializer.Serialize(WithoutVms(run), Json);
        }

        return Task.CompletedTask;
    }

    public Task AddVmsAsync(IReadOnlyList<VmStatus> vms, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var vm in vms) _vms.Add(vm.Id, JsonSerializer.Serialize(vm, Json));
        }

        return Task.CompletedTask;
    }

    public Task SaveVmsAsync(IReadOnlyList<VmStatus> vms, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var vm in vms)
            {
                if (!_vms.ContainsKey(vm.Id)) throw new InvalidOperationException($"VM status {vm.Id} does not exist.");
                _vms[vm.Id] = JsonSerializer.Serialize(vm, Json);
            }

            SavedVmCount += vms.Count;
        }

        return Task.CompletedTask;
    }

    private List<MigrationRun> AllRuns()
    {
        var vms = _vms.Values.Select(Clone<VmStatus>).ToList();
        return _runs.Values.Select(Clone<MigrationRun>).Select(r =>
        {
            r.Vms = vms.Where(v => v.MigrationId == r.Id).ToList();
            return r;
        }).ToList();
    }

    private static MigrationRun WithoutVms(MigrationRun run)
    {
        var copy = Clone<MigrationRun>(JsonSerializer.Serialize(run, Json));
        copy.Vms = [];
        return copy;
    }

    private static T Clone<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;
}
