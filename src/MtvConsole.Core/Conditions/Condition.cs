namespace MtvConsole.Core.Conditions;

/// <summary>
/// One condition of a resource (Forklift's condition library): one per <see cref="Type"/>,
/// with a category, reason, message, items and the durable flag that lets it survive staging.
/// </summary>
public sealed record Condition
{
    public required string Type { get; init; }
    public string Status { get; init; } = ConditionStatus.True;
    public required ConditionCategory Category { get; init; }
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    public string? Suggestion { get; init; }
    public IReadOnlyList<string> Items { get; init; } = [];
    public bool Durable { get; init; }
    public DateTimeOffset LastTransitionTime { get; init; }

    public bool IsBlocker => Status == ConditionStatus.True && Category.IsBlocker();

    /// <summary>Same meaning (ignoring the transition time): setting it again is not a transition.</summary>
    public bool SameAs(Condition other) =>
        Type == other.Type && Status == other.Status && Category == other.Category &&
        Reason == other.Reason && Message == other.Message && Durable == other.Durable &&
        Items.SequenceEqual(other.Items);
}

public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
}
