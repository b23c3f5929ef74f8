namespace MtvConsole.Core.Conditions;

/// <summary>Condition categories as Forklift defines them. Critical and Error are blockers.</summary>
public enum ConditionCategory
{
    Required,
    Advisory,
    Critical,
    Error,
    Warn,
}

public static class ConditionCategoryExtensions
{
    public static bool IsBlocker(this ConditionCategory category) =>
        category is ConditionCategory.Critical or ConditionCategory.Error;
}
