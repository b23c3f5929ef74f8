using System.Collections.Concurrent;

namespace MtvConsole.FakeKube;

/// <summary>Which (API group, resource, verb) the fake's one user may not use; everything else is allowed.</summary>
public sealed class Rbac
{
    private readonly ConcurrentDictionary<(string Group, string Resource, string Verb), bool> _denied = new();

    public void Deny(string group, string resource, params string[] verbs)
    {
        foreach (var v in verbs) _denied[(group, resource, v)] = true;
    }

    public void AllowAll() => _denied.Clear();

    public bool Allows(string group, string resource, string verb) =>
        !_denied.ContainsKey((group, resource, verb)) && !_denied.ContainsKey((group, resource, "*"));
}
