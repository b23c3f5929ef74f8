namespace MtvConsole.Core.Validation;

/// <summary>One finding of a rule about one VM: the rule id, its category, a label and what to do.</summary>
public sealed record Concern(string Id, ConcernCategory Category, string Label, string Assessment);
