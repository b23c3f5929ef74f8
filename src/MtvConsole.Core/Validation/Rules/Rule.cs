namespace MtvConsole.Core.Validation.Rules;

/// <summary>A rule that raises at most one concern per VM when its condition holds.</summary>
public sealed class Rule(string id, ConcernCategory category, string label, string assessment, Func<Workload, bool> firesWhen) : IValidationRule
{
    private readonly Concern _concern = new(id, category, label, assessment);

    public string Id => id;
    public ConcernCategory Category => category;
    public string Label => label;
    public string Assessment => assessment;

    public void Evaluate(RuleInput input, List<Concern> concerns)
    {
        if (firesWhen(input.Workload)) concerns.Add(_concern);
    }
}
