using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MtvConsole.Core.Validation.Custom;

/// <summary>A condition of a custom rule over the workload's JSON (field paths are dotted camelCase names).</summary>
public abstract record FieldCondition
{
    public abstract bool Holds(JsonElement scope);

    /// <summary>Follows a dotted path; false when any part is absent or null (Rego: undefined).</summary>
    protected static bool TryResolve(JsonElement scope, string[] path, out JsonElement value)
    {
        value = scope;
        foreach (var part in path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value)) return false;
        }

        return value.ValueKind != JsonValueKind.Null;
    }
}

public sealed record AllCondition(IReadOnlyList<FieldCondition> Conditions) : FieldCondition
{
    public override bool Holds(JsonElement scope) => Conditions.All(c => c.Holds(scope));
}

public sealed record AnyCondition(IReadOnlyList<FieldCondition> Conditions) : FieldCondition
{
    public override bool Holds(JsonElement scope) => Conditions.Any(c => c.Holds(scope));
}

public sealed record NotCondition(FieldCondition Inner) : FieldCondition
{
    public override bool Holds(JsonElement scope) => !Inner.Holds(scope);
}

public sealed record ExistsCondition(string[] Path, bool Expected) : FieldCondition
{
    public override bool Holds(JsonElement scope) => TryResolve(scope, Path, out _) == Expected;
}

/// <summary><c>anyItem</c> / <c>allItems</c>: the inner condition over each element of a list (paths relative to the element).</summary>
public sealed record ListCondition(string[] Path, bool All, FieldCondition Inner) : FieldCondition
{
    public override bool Holds(JsonElement scope)
    {
        if (!TryResolve(scope, Path, out var list) || list.ValueKind != JsonValueKind.Array) return false;
        return All ? list.EnumerateArray().All(Inner.Holds) : list.EnumerateArray().Any(Inner.Holds);
    }
}

public enum CompareOperator
{
    Equals,
    NotEquals,
    Greater,
    Less,
    Contains,
    Matches,
}

public sealed record CompareCondition(string[] Path, CompareOperator Operator, string Operand, Regex? Pattern) : FieldCondition
{
    public override bool Holds(JsonElement scope)
    {
        if (!TryResolve(scope, Path, out var value)) return false;
        return Operator switch
        {
            CompareOperator.Equals => ScalarEquals(value),
            CompareOperator.NotEquals => !ScalarEquals(value),
            CompareOperator.Greater => value.ValueKind == JsonValueKind.Number && value.GetDouble() > Number,
            CompareOperator.Less => value.ValueKind == JsonValueKind.Number && value.GetDouble() < Number,
            CompareOperator.Contains => value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!.Contains(Operand, StringComparison.Ordinal),
                JsonValueKind.Array => value.EnumerateArray().Any(ScalarEquals),
                _ => false,
            },
            CompareOperator.Matches => value.ValueKind == JsonValueKind.String && Pattern!.IsMatch(value.GetString()!),
            _ => false,
        };
    }

    private double Number => double.Parse(Operand, CultureInfo.InvariantCulture);

    private bool ScalarEquals(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() == Operand,
        JsonValueKind.Number => double.TryParse(Operand, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && value.GetDouble() == n,
        JsonValueKind.True => Operand == "true",
        JsonValueKind.False => Operand == "false",
        _ => false,
    };
}
