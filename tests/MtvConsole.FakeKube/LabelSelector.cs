using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube;

/// <summary>Equality-based label selectors: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>, comma-separated.</summary>
public static class LabelSelector
{
    public static Func<JsonObject, bool> Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return _ => true;
        var tests = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var raw in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Contains("!=", StringComparison.Ordinal))
            {
                var (k, v) = Split(raw, "!=");
                tests.Add(l => !l.TryGetValue(k, out var x) || x != v);
            }
            else if (raw.Contains('=', StringComparison.Ordinal))
            {
                var (k, v) = Split(raw, raw.Contains("==", StringComparison.Ordinal) ? "==" : "=");
                tests.Add(l => l.TryGetValue(k, out var x) && x == v);
            }
            else if (raw.StartsWith('!'))
            {
                var k = raw[1..];
                tests.Add(l => !l.ContainsKey(k));
            }
            else
            {
                tests.Add(l => l.ContainsKey(raw));
            }
        }

        return o =>
        {
            var labels = (o["metadata"]?["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "")
                ?? new Dictionary<string, string>();
            return tests.All(t => t(labels));
        };
    }

    private static (string, string) Split(string s, string op)
    {
        var i = s.IndexOf(op, StringComparison.Ordinal);
        return (s[..i].Trim(), s[(i + op.Length)..].Trim());
    }
}
