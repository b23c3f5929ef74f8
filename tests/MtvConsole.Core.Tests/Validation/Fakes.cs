using MtvConsole.Core.Auditing;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Validation;

namespace MtvConsole.Core.Tests.Validation;

internal sealed class ListAcknowledgementStore : IAcknowledgementStore
{
    private readonly List<Acknowledgement> _items = [];

    public IReadOnlyList<Acknowledgement> All() => [.. _items];

    public Acknowledgement? Find(Guid providerId, string vmId, string concernId) =>
        _items.FirstOrDefault(a => a.ProviderId == providerId && a.VmId == vmId && a.ConcernId == concernId);

    public void Add(Acknowledgement acknowledgement) => _items.Add(acknowledgement);

    public bool Remove(Guid providerId, string vmId, string concernId) =>
        _items.RemoveAll(a => a.ProviderId == providerId && a.VmId == vmId && a.ConcernId == concernId) > 0;
}

internal sealed class ListAuditLog : IAuditLog
{
    public List<(string User, string Action, string Target, string Details)> Entries { get; } = [];

    public Task RecordAsync(string user, string action, string target, string details = "", bool succeeded = true, CancellationToken cancellationToken = default)
    {
        Entries.Add((user, action, target, details));
        return Task.CompletedTask;
    }
}
