using MtvConsole.Lab.Generation;
using MtvConsole.Lab.Simulation;
using MtvConsole.Lab.State;

namespace MtvConsole.Lab;

/// <summary>
/// The Lab's simulated world, shared by <see cref="LabVCenter"/> and <see cref="LabCluster"/>: the generated
/// inventory plus runtime state. All time comes from the <see cref="TimeProvider"/>; progress is computed
/// from stored start times when queried. Thread-safe (one lock).
/// </summary>
public sealed class LabWorld
{
    private readonly object _lock = new();
    private readonly SourceSimulation _source;
    private readonly TargetSimulation _target;

    public LabWorld(LabOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        Options = options;
        TimeProvider = timeProvider;
        Inventory = LabInventoryGenerator.Generate(options);
        _source = new SourceSimulation(options, Inventory, timeProvider, timeProvider.GetUtcNow());
        _target = new TargetSimulation(options, Inventory, _source, timeProvider);
        Hooks = new LabHookRunner(timeProvider);
    }

    /// <summary>The Lab cluster's hook Jobs (saved and restored with the rest of the world).</summary>
    public LabHookRunner Hooks { get; }

    public LabOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>The generated starting inventory (runtime changes are reflected by the providers' GetInventoryAsync).</summary>
    public LabInventory Inventory { get; }

    /// <summary>The simulated vCenter's SDK URL (<see cref="LabOptions.VCenterUrl"/>).</summary>
    public string VCenterUrl => Options.VCenterUrl;

    /// <summary>The simulated vCenter's certificate SHA-1 thumbprint.</summary>
    public string VCenterThumbprint => Inventory.VCenterThumbprint;

    /// <summary>Captures the runtime state for persistence.</summary>
    public LabState ExportState()
    {
        lock (_lock)
        {
            var (vms, tasks, nextTask, nextSnapshot) = _source.Export();
            var (namespaces, dataVolumes, targetVms, pods) = _target.Export();
            return new LabState(Options.Seed, Options.VmCount, _source.WorldStartedAt, nextTask, nextSnapshot, vms, tasks, namespaces, dataVolumes, targetVms, pods, Hooks.Export());
        }
    }

    /// <summary>Restores a state exported by a world with the same seed and VM count.</summary>
    public void ImportState(LabState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Seed != Options.Seed || state.VmCount != Options.VmCount)
        {
            throw new ArgumentException(
                $"The Lab state was saved for seed {state.Seed} with {state.VmCount} VMs, but this Lab has seed {Options.Seed} with {Options.VmCount} VMs.",
                nameof(state));
        }

        lock (_lock)
        {
            _source.Import(state);
            _target.Import(state);
            Hooks.Import(state.HookJobs);
        }
    }

    internal T Source<T>(Func<SourceSimulation, T> action)
    {
        lock (_lock)
        {
            return action(_source);
        }
    }

    internal void Source(Action<SourceSimulation> action)
    {
        lock (_lock)
        {
            action(_source);
        }
    }

    internal T Target<T>(Func<TargetSimulation, T> action)
    {
        lock (_lock)
        {
            return action(_target);
        }
    }

    internal void Target(Action<TargetSimulation> action)
    {
        lock (_lock)
        {
            action(_target);
        }
    }
}
