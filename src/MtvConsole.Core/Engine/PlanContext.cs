using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>Everything a run of a plan needs besides the run: the plan, its providers, maps, hooks and migration networks.</summary>
public sealed record PlanContext(
    Plan Plan,
    Provider Source,
    Provider Destination,
    StorageMap? StorageMap,
    NetworkMap? NetworkMap,
    IReadOnlyDictionary<Guid, Hook> Hooks,
    IReadOnlyList<MigrationNetworkHost> MigrationHosts);
