using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Validation.Custom;

namespace MtvConsole.Core.Validation;

/// <summary>
/// Validates the VMs of vSphere providers and keeps the results in the <see cref="IConcernStore"/>.
/// <see cref="Sync"/> validates only VMs that are new or whose VM, host, cluster or warm-plan membership
/// changed (revision bookkeeping) and drops VMs that are gone; <see cref="SetCustomRules"/> bumps the rules
/// version and revalidates everything; <see cref="Recheck"/> revalidates on demand.
/// Writers are serialized; readers read the store directly.
/// </summary>
public sealed class ValidationService(IConcernStore store, TimeProvider time)
{
    /// <summary>Below this many VMs to validate, one thread is faster than fanning out.</summary>
    private const int ParallelThreshold = 512;

    private readonly Lock _writing = new();
    private RuleSet _rules = RuleSet.BuiltIn;

    public RuleSet Rules => _rules;

    /// <summary>Problems of the custom rules file last loaded (empty when it was fine or there is none).</summary>
    public IReadOnlyList<string> RuleErrors { get; private set; } = [];

    public IConcernStore Store => store;

    /// <summary>One VM's concerns changed, appeared or went away.</summary>
    public event Action<ValidationFlags>? FlagsChanged;

    /// <summary>A batch of validation finished (pages refresh on it).</summary>
    public event Action? Changed;

    /// <summary>Validates one workload without storing anything (the API).</summary>
    public ValidationResult Validate(Workload workload) => _rules.Evaluate(workload);

    public SyncReport Sync(Guid providerId, string providerName, VsphereInventory inventory, IReadOnlySet<string>? warmVmIds = null)
    {
        var validated = 0;
        var removed = 0;
        lock (_writing)
        {
            var rules = _rules;
            var builder = new WorkloadBuilder(inventory);
            var now = time.GetUtcNow();
            var pending = new List<(VmValidation? Previous, VsphereVm Vm, VmSource Source, bool Changed)>();

            foreach (var vm in inventory.Vms)
            {
                var host = inventory.FindHost(vm.HostId);
                var source = new VmSource(vm, host, host is null ? null : inventory.FindCluster(host.ClusterId), warmVmIds?.Contains(vm.Id) == true);
                var previous = store.Get(providerId, vm.Id);
                var unchanged = previous is not null && SourceComparer.Same(previous.Source, source);
                if (!unchanged || previous!.RulesVersion != rules.Version) pending.Add((previous, vm, source, !unchanged));
            }

            var results = new VmValidation[pending.Count];
            Parallel.For(0, pending.Count, new ParallelOptions { MaxDegreeOfParallelism = pending.Count < ParallelThreshold ? 1 : -1 }, i =>
            {
                var (previous, vm, source, changed) = pending[i];
                var workload = builder.Build(vm, source.InWarmPlan);
                var revision = (previous?.Revision ?? 0) + (changed ? 1 : 0);
                results[i] = new VmValidation(providerId, providerName, vm.Id, vm.Name, revision, rules.Version, rules.Evaluate(workload).Concerns, now, workload, source);
            });
            for (var i = 0; i < results.Length; i++) Save(pending[i].Previous, results[i]);
            validated = results.Length;

            // Every inventory VM is stored now, so anything beyond that count is gone.
            var gone = store.Count(providerId) > inventory.Vms.Count
                ? store.ForProvider(providerId).Where(v => inventory.FindVm(v.VmId) is null).ToList()
                : [];
            foreach (var vm in gone)
            {
                store.Remove(providerId, vm.VmId);
                FlagsChanged?.Invoke(new ValidationFlags(providerId, vm.VmId, vm.VmName, [], rules.Version, Removed: true));
                removed++;
            }
        }

        if (validated + removed > 0) Changed?.Invoke();
        return new SyncReport(inventory.Vms.Count, validated, removed);
    }

    /// <summary>Revalidates every stored VM (of one provider, or all), whatever changed: "re-check now".</summary>
    public int Recheck(Guid? providerId = null)
    {
        int count;
        lock (_writing)
        {
            count = RevalidateStored(providerId);
        }

        Changed?.Invoke();
        return count;
    }

    /// <summary>Replaces the custom rules: the rules version goes up by one and every stored VM is revalidated.</summary>
    public void SetCustomRules(CustomRulesFile file)
    {
        lock (_writing)
        {
            _rules = new RuleSet(_rules.Version + 1, [.. MtvConsole.Core.Validation.Rules.BuiltInRules.All, .. file.Rules]);
            RuleErrors = file.Errors;
            RevalidateStored(null);
        }

        Changed?.Invoke();
    }

    public void RemoveProvider(Guid providerId)
    {
        lock (_writing)
        {
            foreach (var v in store.ForProvider(providerId)) store.Remove(providerId, v.VmId);
        }

        Changed?.Invoke();
    }

    private int RevalidateStored(Guid? providerId)
    {
        var rules = _rules;
        var now = time.GetUtcNow();
        var stored = providerId is { } id ? store.ForProvider(id) : store.All();
        foreach (var previous in stored)
        {
            Save(previous, previous with { RulesVersion = rules.Version, Concerns = rules.Evaluate(previous.Workload).Concerns, ValidatedAt = now });
        }

        return stored.Count;
    }

    private void Save(VmValidation? previous, VmValidation next)
    {
        store.Put(next);
        if (previous is null || !previous.Concerns.SequenceEqual(next.Concerns))
            FlagsChanged?.Invoke(new ValidationFlags(next.ProviderId, next.VmId, next.VmName, next.Concerns, next.RulesVersion, Removed: false));
    }
}

/// <summary>How many VMs a sync saw, validated (new or changed) and removed.</summary>
public sealed record SyncReport(int Vms, int Validated, int Removed);
