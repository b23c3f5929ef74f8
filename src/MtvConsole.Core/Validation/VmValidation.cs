using MtvConsole.Core.Inventory;

namespace MtvConsole.Core.Validation;

/// <summary>
/// The stored validation of one VM of one provider: the concerns, the VM revision they were computed for
/// (bumped whenever the VM, its host or its cluster changes) and the rules version. The workload and the
/// inventory objects it came from are kept to detect changes and to revalidate when the rules change.
/// </summary>
public sealed record VmValidation(
    Guid ProviderId,
    string ProviderName,
    string VmId,
    string VmName,
    long Revision,
    int RulesVersion,
    IReadOnlyList<Concern> Concerns,
    DateTimeOffset ValidatedAt,
    Workload Workload,
    VmSource Source);

/// <summary>The inventory objects a workload was built from; equal sources need no revalidation.</summary>
public sealed record VmSource(VsphereVm? Vm, EsxiHost? Host, Cluster? Cluster, bool InWarmPlan);

/// <summary>A VM's validation flags changed (the feed the dashboard hub forwards).</summary>
public sealed record ValidationFlags(Guid ProviderId, string VmId, string VmName, IReadOnlyList<Concern> Concerns, int RulesVersion, bool Removed);
