namespace MtvConsole.Core.Validation.Rules;

/// <summary>A rule that raises one concern per offending item (a disk, a guest file system), each with its own label.</summary>
public sealed class ItemRule(string id, ConcernCategory category, string label, string assessment, Func<Workload, IEnumerable<string>> offendingLabels)
    : IValidationRule
{
    public string Id => id;
    public ConcernCategory Category => category;
    public string Label => label;
    public string Assessment => assessment;

    public void Evaluate(RuleInput input, List<Concern> concerns)
    {
        foreach (var itemLabel in offendingLabels(input.Workload)) concerns.Add(new Concern(id, category, itemLabel, assessment));
    }
}
