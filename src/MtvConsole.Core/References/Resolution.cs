namespace MtvConsole.Core.References;

public enum ResolutionOutcome
{
    Found,
    NotSet,
    NotFound,
    Ambiguous,
}

/// <summary>The result of resolving a reference: found (with the item), not set, not found, or ambiguous (with the candidates).</summary>
public sealed record Resolution<T>(ResolutionOutcome Outcome, T? Item, IReadOnlyList<T> Candidates)
    where T : class
{
    public bool IsFound => Outcome == ResolutionOutcome.Found;

    public static Resolution<T> Found(T item) => new(ResolutionOutcome.Found, item, [item]);
    public static Resolution<T> NotSet() => new(ResolutionOutcome.NotSet, null, []);
    public static Resolution<T> NotFound() => new(ResolutionOutcome.NotFound, null, []);
    public static Resolution<T> Ambiguous(IReadOnlyList<T> candidates) => new(ResolutionOutcome.Ambiguous, null, candidates);
}
