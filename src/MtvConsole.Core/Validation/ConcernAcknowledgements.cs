using MtvConsole.Core.Auditing;
using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Validation;

/// <summary>Acknowledging and withdrawing acknowledgements of Critical concerns, each audited.</summary>
public sealed class ConcernAcknowledgements(IAcknowledgementStore store, IConcernStore concerns, IAuditLog audit, TimeProvider time)
{
    public const string AcknowledgeAction = "acknowledge-concern";
    public const string WithdrawAction = "withdraw-acknowledgement";

    /// <summary>An acknowledgement was added or withdrawn.</summary>
    public event Action? Changed;

    public IAcknowledgementStore Store => store;

    /// <summary>Acknowledges a Critical concern of a VM; returns why not, or null on success.</summary>
    public async Task<string?> AcknowledgeAsync(string user, Guid providerId, string vmId, string concernId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return "Give a reason for acknowledging the concern.";
        if (concerns.Get(providerId, vmId) is not { } validation) return $"No validated VM '{vmId}' for this provider.";
        var concern = validation.Concerns.FirstOrDefault(c => c.Id == concernId);
        if (concern is null) return $"VM '{validation.VmName}' has no concern '{concernId}'.";
        if (concern.Category != ConcernCategory.Critical) return $"Only Critical concerns block plans and can be acknowledged; '{concernId}' is {concern.Category}.";
        if (store.Find(providerId, vmId, concernId) is not null) return $"The concern '{concernId}' of VM '{validation.VmName}' is already acknowledged.";

        store.Add(new Acknowledgement(providerId, vmId, concernId, reason.Trim(), user, time.GetUtcNow()));
        await audit.RecordAsync(user, AcknowledgeAction, $"vm/{validation.VmName}", $"{concernId}: {reason.Trim()}", true, ct);
        Changed?.Invoke();
        return null;
    }

    /// <summary>Withdraws an acknowledgement, so the concern blocks again; returns why not, or null on success.</summary>
    public async Task<string?> WithdrawAsync(string user, Guid providerId, string vmId, string concernId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return "Give a reason for withdrawing the acknowledgement.";
        if (!store.Remove(providerId, vmId, concernId)) return $"The concern '{concernId}' of VM '{vmId}' is not acknowledged.";
        var vmName = concerns.Get(providerId, vmId)?.VmName ?? vmId;
        await audit.RecordAsync(user, WithdrawAction, $"vm/{vmName}", $"{concernId}: {reason.Trim()}", true, ct);
        Changed?.Invoke();
        return null;
    }
}
