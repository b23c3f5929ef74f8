using System.Text.RegularExpressions;

namespace MtvConsole.Core.Validation;

/// <summary>A versioned set of rules (built-in plus custom) that evaluates workloads.</summary>
public sealed class RuleSet
{
    private readonly Dictionary<string, IValidationRule> _byId;

    public RuleSet(int version, IReadOnlyList<IValidationRule> rules)
    {
        Version = version;
        Rules = rules;
        _byId = rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public static RuleSet BuiltIn { get; } = new(MtvConsole.Core.Validation.Rules.BuiltInRules.Version, MtvConsole.Core.Validation.Rules.BuiltInRules.All);

    public int Version { get; }
    public IReadOnlyList<IValidationRule> Rules { get; }

    public IValidationRule? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Runs every rule; a custom rule that fails (a regular expression timing out) is reported in the errors.</summary>
    public ValidationResult Evaluate(Workload workload)
    {
        var input = new RuleInput(workload);
        var concerns = new List<Concern>();
        List<string>? errors = null;
        foreach (var rule in Rules)
        {
            try
            {
                rule.Evaluate(input, concerns);
            }
            catch (RegexMatchTimeoutException)
            {
                (errors ??= []).Add($"Rule '{rule.Id}' timed out matching a regular expression.");
            }
        }

        return new ValidationResult(Version, concerns, errors ?? []);
    }
}

/// <summary>What validating one workload gives: the rules version, the concerns and any rule errors.</summary>
public sealed record ValidationResult(int RulesVersion, IReadOnlyList<Concern> Concerns, IReadOnlyList<string> Errors);
