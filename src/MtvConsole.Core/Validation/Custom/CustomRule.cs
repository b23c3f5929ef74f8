namespace MtvConsole.Core.Validation.Custom;

/// <summary>A rule from the custom rules file: raises its concern when its condition holds for the workload's JSON.</summary>
public sealed class CustomRule(string id, ConcernCategory category, string label, string assessment, FieldCondition when) : IValidationRule
{
    private readonly Concern _concern = new(id, category, label, assessment);

    public string Id => id;
    public ConcernCategory Category => category;
    public string Label => label;
    public string Assessment => assessment;
    public FieldCondition When => when;

    public void Evaluate(RuleInput input, List<Concern> concerns)
    {
        if (when.Holds(input.Json)) concerns.Add(_concern);
    }
}
