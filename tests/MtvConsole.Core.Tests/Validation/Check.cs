using MtvConsole.Core.Validation;

namespace MtvConsole.Core.Tests.Validation;

/// <summary>Validates workloads written as JSON with single quotes (as in the Rego tests) against the built-in rules.</summary>
internal static class Check
{
    public static Workload Parse(string singleQuotedJson)
    {
        var (workload, problem) = WorkloadJson.Parse(singleQuotedJson.Replace('\'', '"'));
        Assert.True(problem is null, problem);
        return workload!;
    }

    public static IReadOnlyList<Concern> Concerns(string singleQuotedJson) => RuleSet.BuiltIn.Evaluate(Parse(singleQuotedJson)).Concerns;

    public static IReadOnlyList<Concern> Concerns(Workload workload) => RuleSet.BuiltIn.Evaluate(workload).Concerns;
}
