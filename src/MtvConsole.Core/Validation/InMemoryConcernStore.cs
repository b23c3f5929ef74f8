using System.Collections.Concurrent;
using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Validation;

/// <summary>The concern store: a dictionary per provider, safe for concurrent readers and writers.</summary>
public sealed class InMemoryConcernStore : IConcernStore
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, VmValidation>> _providers = new();

    public VmValidation? Get(Guid providerId, string vmId) =>
        _providers.TryGetValue(providerId, out var vms) ? vms.GetValueOrDefault(vmId) : null;

    public IReadOnlyCollection<VmValidation> ForProvider(Guid providerId) =>
        _providers.TryGetValue(providerId, out var vms) ? [.. vms.Values] : [];

    public IReadOnlyCollection<VmValidation> All() => [.. _providers.Values.SelectMany(v => v.Values)];

    public int Count(Guid providerId) => _providers.TryGetValue(providerId, out var vms) ? vms.Count : 0;

    public void Put(VmValidation validation) =>
        _providers.GetOrAdd(validation.ProviderId, _ => new ConcurrentDictionary<string, VmValidation>(StringComparer.Ordinal))[validation.VmId] = validation;

    public bool Remove(Guid providerId, string vmId) =>
        _providers.TryGetValue(providerId, out var vms) && vms.TryRemove(vmId, out _);
}
