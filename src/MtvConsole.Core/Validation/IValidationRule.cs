namespace MtvConsole.Core.Validation;

/// <summary>A validation rule: adds its concerns about one workload.</summary>
public interface IValidationRule
{
    string Id { get; }
    ConcernCategory Category { get; }

    /// <summary>The label concerns are grouped under (per-item rules give each concern a more specific label).</summary>
    string Label { get; }

    string Assessment { get; }

    void Evaluate(RuleInput input, List<Concern> concerns);
}
