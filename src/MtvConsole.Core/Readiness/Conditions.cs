using MtvConsole.Core.Conditions;

namespace MtvConsole.Core.Readiness;

/// <summary>Short constructors for the conditions validators set.</summary>
internal static class Make
{
    public static Condition Critical(string type, string reason, string message, IEnumerable<string>? items = null, string? suggestion = null) =>
        new() { Type = type, Category = ConditionCategory.Critical, Reason = reason, Message = message, Items = [.. items ?? []], Suggestion = suggestion };

    public static Condition Warn(string type, string reason, string message, IEnumerable<string>? items = null, string? suggestion = null) =>
        new() { Type = type, Category = ConditionCategory.Warn, Reason = reason, Message = message, Items = [.. items ?? []], Suggestion = suggestion };

    public static Condition Advisory(string type, string reason, string message) =>
        new() { Type = type, Category = ConditionCategory.Advisory, Reason = reason, Message = message };
}
