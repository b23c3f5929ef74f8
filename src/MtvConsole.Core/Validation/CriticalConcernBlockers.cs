using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Validation;

/// <summary>A VM of a plan with Critical concerns nobody acknowledged.</summary>
public sealed record VmBlocker(string VmId, string VmName, IReadOnlyList<Concern> Concerns)
{
    /// <summary>The items of the plan condition VMCriticalConcerns: <c>"&lt;vm&gt; (&lt;label&gt;)"</c>.</summary>
    public IEnumerable<string> Items => Concerns.Select(c => $"{VmName} ({c.Label})");
}

/// <summary>Which VMs of a plan are blocked by unacknowledged Critical concerns (for the plan condition VMCriticalConcerns).</summary>
public static class CriticalConcernBlockers
{
    /// <summary>The blocked VMs among <paramref name="vmIds"/>, in that order. VMs not validated yet are not listed.</summary>
    public static IReadOnlyList<VmBlocker> Find(IConcernStore concerns, IAcknowledgementStore acknowledgements, Guid providerId, IEnumerable<string> vmIds)
    {
        var blockers = new List<VmBlocker>();
        foreach (var vmId in vmIds)
        {
            if (concerns.Get(providerId, vmId) is not { } validation) continue;
            var open = validation.Concerns
                .Where(c => c.Category == ConcernCategory.Critical && acknowledgements.Find(providerId, vmId, c.Id) is null)
                .ToList();
            if (open.Count > 0) blockers.Add(new VmBlocker(vmId, validation.VmName, open));
        }

        return blockers;
    }
}
