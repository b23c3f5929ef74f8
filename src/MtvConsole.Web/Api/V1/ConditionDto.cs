using MtvConsole.Core.Conditions;

namespace MtvConsole.Web.Api.V1;

/// <summary>A condition as the API shows it: its category as text (Required, Advisory, Critical, Error, Warn).</summary>
public sealed record ConditionDto(string Type, string Status, string Category, string Reason, string Message, string? Suggestion,
    IReadOnlyList<string> Items, DateTimeOffset LastTransitionTime)
{
    public static ConditionDto From(Condition c) =>
        new(c.Type, c.Status, c.Category.ToString(), c.Reason, c.Message, c.Suggestion, c.Items, c.LastTransitionTime);

    public static IReadOnlyList<ConditionDto> From(IEnumerable<Condition> conditions) => [.. conditions.Select(From)];
}
