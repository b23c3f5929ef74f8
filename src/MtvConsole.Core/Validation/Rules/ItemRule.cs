namespace MtvConsole.Core.Validation.Rules;

/// <summary>A rule that raises one concern per offending item (a disk, a guest file system), each with its own label.</summary>
public sealed class ItemRule<T>(
    string id, ConcernCategory category, string label, string assessment,
    Func<Workload, IReadOnlyList<T>?> items, Func<Workload, T, bool> offends, Func<T, string> itemLabel) : IValidationRule
{
    public string Id => id;
    public ConcernCategory Category => category;
    public string Label => label;
    public string Assessment => assessment;

    public void Evaluate(RuleInput input, List<Concern> concerns)
    {
        var workload = input.Workload;
        if (items(workload) is not { } list) return;
        for (var i = 0; i < list.Count; i++)
        {
            if (offends(workload, list[i])) concerns.Add(new Concern(id, category, itemLabel(list[i]), assessment));
        }
    }
}
