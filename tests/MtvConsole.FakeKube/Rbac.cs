using System.Collections.Concurrent;

namespace MtvConsole.FakeKube;

/// <summary>
/// Which (API group, resource, verb) the fake's one user may not use; everything else is allowed. A resource may
/// name a subresource (<c>pods/proxy</c>, <c>virtualmachines/finalizers</c>); <see cref="DenyNamed"/> denies one
/// object by name (e.g. <c>use</c> of one SecurityContextConstraints), as a ClusterRole's resourceNames would.
/// </summary>
public sealed class Rbac
{
    private readonly ConcurrentDictionary<(string Group, string Resource, string Verb), bool> _denied = new();
    private readonly ConcurrentDictionary<(string Group, string Resource, string Name, string Verb), bool> _deniedNamed = new();

    public void Deny(string group, string resource, params string[] verbs)
    {
        foreach (var v in verbs) _denied[(group, resource, v)] = true;
    }

    public void DenyNamed(string group, string resource, string name, params string[] verbs)
    {
        foreach (var v in verbs) _deniedNamed[(group, resource, name, v)] = true;
    }

    public void AllowAll()
    {
        _denied.Clear();
        _deniedNamed.Clear();
    }

    public bool Allows(string group, string resource, string verb, string? name = null) =>
        !_denied.ContainsKey((group, resource, verb)) && !_denied.ContainsKey((group, resource, "*"))
        && (name is null || (!_deniedNamed.ContainsKey((group, resource, name, verb)) && !_deniedNamed.ContainsKey((group, resource, name, "*"))));
}
