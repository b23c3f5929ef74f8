using FluentValidation.Results;

namespace MtvConsole.Web.Components.Shared;

/// <summary>Validation messages keyed by property path (e.g. <c>Rows[2].Nad</c>), for showing each next to its field.</summary>
public sealed class FormErrors
{
    private Dictionary<string, string> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Set(ValidationResult result) =>
        _errors = result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);

    public void Add(string key, string message) => _errors[key] = message;

    public void Clear() => _errors = [];

    public bool Has(string key) => _errors.ContainsKey(key);

    public string? this[string key] => _errors.GetValueOrDefault(key);

    /// <summary>The messages whose key is <paramref name="prefix"/> or starts with it and a dot.</summary>
    public IReadOnlyList<string> StartingWith(string prefix) =>
        [.. _errors.Where(e => e.Key == prefix || e.Key.StartsWith(prefix + ".", StringComparison.Ordinal)).Select(e => e.Value)];

    public IEnumerable<string> All => _errors.Values;

    /// <summary>Every message with its key, for the API's validation problems.</summary>
    public IEnumerable<KeyValuePair<string, string>> Entries => _errors;
}
