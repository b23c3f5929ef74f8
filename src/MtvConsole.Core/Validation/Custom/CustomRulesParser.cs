using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MtvConsole.Core.Validation.Custom;

/// <summary>The rules of a custom rules file and the problems found in it (each naming the rule and the line).</summary>
public sealed record CustomRulesFile(IReadOnlyList<CustomRule> Rules, IReadOnlyList<string> Errors);

/// <summary>
/// Reads the custom rules YAML file (format in docs/custom-rules.md). A rule with a problem is left out and
/// reported with its id and line; the other rules load.
/// </summary>
public static class CustomRulesParser
{
    private static readonly Dictionary<string, CompareOperator> Operators = new(StringComparer.Ordinal)
    {
        ["equals"] = CompareOperator.Equals,
        ["notEquals"] = CompareOperator.NotEquals,
        ["greater"] = CompareOperator.Greater,
        ["less"] = CompareOperator.Less,
        ["contains"] = CompareOperator.Contains,
        ["matches"] = CompareOperator.Matches,
    };

    public static CustomRulesFile Parse(string yaml, IEnumerable<string> reservedIds)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return new CustomRulesFile([], [$"Custom rules file, line {e.Start.Line}: not valid YAML ({e.Message})."]);
        }

        if (stream.Documents.Count == 0) return new CustomRulesFile([], []);
        if (stream.Documents[0].RootNode is not YamlMappingNode root || Child(root, "rules") is not YamlSequenceNode list)
            return new CustomRulesFile([], [$"Custom rules file, line {stream.Documents[0].RootNode.Start.Line}: expected a mapping with a 'rules' list."]);

        var ids = new HashSet<string>(reservedIds, StringComparer.Ordinal);
        var rules = new List<CustomRule>();
        var errors = new List<string>();
        var index = 0;
        foreach (var node in list.Children)
        {
            index++;
            var name = node is YamlMappingNode m && Child(m, "id") is YamlScalarNode { Value: { Length: > 0 } id } ? $"'{id}'" : $"#{index}";
            try
            {
                var rule = ParseRule(node);
                if (!ids.Add(rule.Id)) throw new RuleProblem(node, $"the id '{rule.Id}' is already used");
                rules.Add(rule);
            }
            catch (RuleProblem p)
            {
                errors.Add($"Custom rule {name}, line {p.Line}: {p.Message}.");
            }
        }

        return new CustomRulesFile(rules, errors);
    }

    private static CustomRule ParseRule(YamlNode node)
    {
        if (node is not YamlMappingNode map) throw new RuleProblem(node, "a rule must be a mapping with id, category, label, assessment and when");
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: "id" or "category" or "label" or "assessment" or "when" })
                throw new RuleProblem(key, $"unknown key '{(key as YamlScalarNode)?.Value}' (expected id, category, label, assessment, when)");
        }

        var id = Text(map, "id");
        var categoryText = Text(map, "category");
        if (!Enum.TryParse<ConcernCategory>(categoryText, ignoreCase: false, out var category) || !Enum.IsDefined(category))
            throw new RuleProblem(Child(map, "category")!, $"unknown category '{categoryText}' (expected Critical, Warning or Information)");
        var when = Child(map, "when") ?? throw new RuleProblem(map, "missing 'when'");
        return new CustomRule(id, category, Text(map, "label"), Text(map, "assessment"), ParseCondition(when));
    }

    private static FieldCondition ParseCondition(YamlNode node)
    {
        if (node is not YamlMappingNode map) throw new RuleProblem(node, "a condition must be a mapping");
        if (Child(map, "all") is { } all) return new AllCondition(ParseList(all, "all"));
        if (Child(map, "any") is { } any) return new AnyCondition(ParseList(any, "any"));
        if (Child(map, "not") is { } not) return new NotCondition(ParseCondition(not));

        if (Child(map, "field") is not YamlScalarNode { Value: { Length: > 0 } field })
            throw new RuleProblem(map, "a condition needs 'field' (or all / any / not)");
        var path = field.Split('.');
        var operators = map.Children.Where(c => c.Key is YamlScalarNode { Value: not "field" }).ToList();
        if (operators.Count != 1)
            throw new RuleProblem(map, "a condition needs exactly one operator: equals, notEquals, greater, less, contains, matches, exists, anyItem or allItems");
        var (keyNode, value) = (operators[0].Key, operators[0].Value);
        var op = ((YamlScalarNode)keyNode).Value!;
        switch (op)
        {
            case "exists":
                return Scalar(value, op) switch
                {
                    "true" => new ExistsCondition(path, true),
                    "false" => new ExistsCondition(path, false),
                    _ => throw new RuleProblem(value, "'exists' takes true or false"),
                };
            case "anyItem" or "allItems":
                return new ListCondition(path, op == "allItems", ParseCondition(value));
        }

        if (!Operators.TryGetValue(op, out var compare))
            throw new RuleProblem(keyNode, $"unknown operator '{op}' (expected equals, notEquals, greater, less, contains, matches, exists, anyItem or allItems)");
        var operand = Scalar(value, op);
        if (compare is CompareOperator.Greater or CompareOperator.Less && !double.TryParse(operand, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw new RuleProblem(value, $"'{op}' needs a number, not '{operand}'");
        Regex? pattern = null;
        if (compare == CompareOperator.Matches)
        {
            try
            {
                pattern = new Regex(operand, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException e)
            {
                throw new RuleProblem(value, $"'matches' needs a regular expression: {e.Message}");
            }
        }

        return new CompareCondition(path, compare, operand, pattern);
    }

    private static IReadOnlyList<FieldCondition> ParseList(YamlNode node, string name) =>
        node is YamlSequenceNode { Children.Count: > 0 } seq
            ? [.. seq.Children.Select(ParseCondition)]
            : throw new RuleProblem(node, $"'{name}' takes a non-empty list of conditions");

    private static string Scalar(YamlNode node, string op) =>
        node is YamlScalarNode { Value: { } v } ? v : throw new RuleProblem(node, $"'{op}' takes a single value");

    private static string Text(YamlMappingNode map, string key) =>
        Child(map, key) is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw new RuleProblem(Child(map, key) ?? map, $"missing or empty '{key}'");

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private sealed class RuleProblem(YamlNode node, string message) : Exception(message)
    {
        public long Line { get; } = node.Start.Line;
    }
}
