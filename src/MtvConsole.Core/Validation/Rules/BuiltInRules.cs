namespace MtvConsole.Core.Validation.Rules;

/// <summary>
/// Every MTV 2.0 and current upstream VMware rule (reference §8.2, §8.4) with upstream ids and labels, plus
/// this console's warm-plan rules. Where a 2.0 rule and its successor differ, one rule fires, with the
/// category that fits what this console migrates.
/// </summary>
public static class BuiltInRules
{
    /// <summary>Upstream is at 5; this rule set changed categories and added rules, so it is 6.</summary>
    public const int Version = 6;

    public static IReadOnlyList<IValidationRule> All { get; } =
    [
        .. VmConfigurationRules.All(),
        .. DeviceRules.All(),
        .. DiskRules.All(),
        .. ClusterRules.All(),
        .. GuestRules.All(),
        .. WarmPlanRules.All(),
    ];
}
