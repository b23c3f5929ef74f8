using MtvConsole.Core.Ports;
using MtvConsole.Core.Validation;

namespace MtvConsole.Web.Validation;

/// <summary>One rule's concerns across VMs: the review page's row.</summary>
public sealed record ConcernGroup(string Id, ConcernCategory Category, string Label, string Assessment, IReadOnlyList<VmValidation> Vms);

/// <summary>Groups validated VMs by concern for the review page, most severe and most frequent first.</summary>
public static class ConcernReview
{
    public static IReadOnlyList<ConcernGroup> Group(IEnumerable<VmValidation> vms, RuleSet rules)
    {
        var groups = new Dictionary<string, (Concern First, List<VmValidation> Vms)>(StringComparer.Ordinal);
        foreach (var vm in vms)
        {
            foreach (var concern in vm.Concerns.DistinctBy(c => c.Id))
            {
                if (!groups.TryGetValue(concern.Id, out var group)) groups[concern.Id] = group = (concern, []);
                group.Vms.Add(vm);
            }
        }

        return [.. groups
            .Select(g => new ConcernGroup(g.Key, g.Value.First.Category, rules.Find(g.Key)?.Label ?? g.Value.First.Label, g.Value.First.Assessment,
                [.. g.Value.Vms.OrderBy(v => v.VmName, StringComparer.OrdinalIgnoreCase)]))
            .OrderBy(g => g.Category)
            .ThenByDescending(g => g.Vms.Count)
            .ThenBy(g => g.Label, StringComparer.Ordinal)];
    }

    /// <summary>The Critical concerns of a VM nobody acknowledged.</summary>
    public static int OpenCriticalCount(VmValidation vm, IAcknowledgementStore acks) =>
        vm.Concerns.Where(c => c.Category == ConcernCategory.Critical).DistinctBy(c => c.Id).Count(c => acks.Find(vm.ProviderId, vm.VmId, c.Id) is null);
}
