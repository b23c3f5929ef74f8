namespace MtvConsole.Core.References;

/// <summary>
/// Resolves a <see cref="Ref"/> against a set of items. An id wins when set (ids are unique); a name
/// matches either the plain name or the path-qualified name (a path such as
/// <c>/DC1/vm/Prod/web-01</c>). Two or more matches by name are <see cref="ResolutionOutcome.Ambiguous"/>,
/// none is <see cref="ResolutionOutcome.NotFound"/>, distinct from a reference that sets neither
/// (<see cref="ResolutionOutcome.NotSet"/>).
/// </summary>
public static class RefResolver
{
    public static Resolution<T> Resolve<T>(
        Ref? reference,
        IEnumerable<T> items,
        Func<T, string> id,
        Func<T, string> name,
        Func<T, string?>? path = null)
        where T : class
    {
        if (reference is null || !reference.IsSet) return Resolution<T>.NotSet();

        if (!string.IsNullOrWhiteSpace(reference.Id))
        {
            var byId = items.FirstOrDefault(i => string.Equals(id(i), reference.Id, StringComparison.Ordinal));
            return byId is null ? Resolution<T>.NotFound() : Resolution<T>.Found(byId);
        }

        var wanted = reference.Name!;
        var isPath = wanted.StartsWith('/');
        var matches = items
            .Where(i => isPath
                ? string.Equals(path?.Invoke(i), wanted, StringComparison.Ordinal)
                : string.Equals(name(i), wanted, StringComparison.Ordinal))
            .Take(16)
            .ToList();
        return matches.Count switch
        {
            0 => Resolution<T>.NotFound(),
            1 => Resolution<T>.Found(matches[0]),
            _ => Resolution<T>.Ambiguous(matches),
        };
    }
}
