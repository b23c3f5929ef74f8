using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// Where the engine keeps its state. Every phase transition and progress checkpoint is saved through
/// here, so a new engine over the same store resumes each VM at its saved phase.
/// </summary>
public interface IMigrationStore
{
    Task<EngineSettings> GetSettingsAsync(CancellationToken cancellationToken = default);

    Task SaveSettingsAsync(EngineSettings settings, CancellationToken cancellationToken = default);

    Task<Plan?> FindPlanAsync(string name, CancellationToken cancellationToken = default);

    Task<PlanContext?> GetPlanContextAsync(Guid planId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a change to the plan as it is stored now (read afresh, so changes other writers made in the
    /// meantime are kept) and saves it; a missing plan is ignored.
    /// </summary>
    Task UpdatePlanAsync(Guid planId, Action<Plan> change, CancellationToken cancellationToken = default);

    /// <summary>Runs not completed yet, with their VMs, oldest first.</summary>
    Task<IReadOnlyList<MigrationRun>> GetUnfinishedRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest completed run of a plan, with its VMs (a restart keeps its succeeded VMs).</summary>
    Task<MigrationRun?> GetLastFinishedRunAsync(Guid planId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MigrationRun>> GetRunsAsync(Guid planId, CancellationToken cancellationToken = default);

    Task AddRunAsync(MigrationRun run, CancellationToken cancellationToken = default);

    /// <summary>Saves the run's own fields (not its VMs).</summary>
    Task SaveRunAsync(MigrationRun run, CancellationToken cancellationToken = default);

    Task AddVmsAsync(IReadOnlyList<VmStatus> vms, CancellationToken cancellationToken = default);

    Task SaveVmsAsync(IReadOnlyList<VmStatus> vms, CancellationToken cancellationToken = default);
}
