using MtvConsole.Core.Conditions;
using MtvConsole.Core.References;

namespace MtvConsole.Core.Readiness;

/// <summary>
/// Many references resolved at once against an inventory list: what was found, how many were not set,
/// and which were not found or ambiguous (in Forklift's condition-item form).
/// </summary>
internal sealed record RefBatch<T>(IReadOnlyList<T> Found, int NotSet, IReadOnlyList<string> NotFound, IReadOnlyList<string> Ambiguous)
    where T : class
{
    public static RefBatch<T> Resolve(IEnumerable<Ref> refs, IEnumerable<T> items, Func<T, string> id, Func<T, string> name, Func<T, string?> path, string kind)
    {
        var list = items as IReadOnlyList<T> ?? [.. items];
        var found = new List<T>();
        var notSet = 0;
        List<string> notFound = [], ambiguous = [];
        foreach (var reference in refs)
        {
            var result = RefResolver.Resolve(reference, list, id, name, path);
            var label = (reference with { Type = kind }).ToString();
            switch (result.Outcome)
            {
                case ResolutionOutcome.Found: found.Add(result.Item!); break;
                case ResolutionOutcome.NotSet: notSet++; break;
                case ResolutionOutcome.NotFound: notFound.Add(label); break;
                case ResolutionOutcome.Ambiguous: ambiguous.Add(label); break;
            }
        }
        return new RefBatch<T>(found, notSet, notFound, ambiguous);
    }

    /// <summary>The map conditions for its source side (reference §2.3–2.4), e.g. "Source network not found.".</summary>
    public void SetSourceConditions(ConditionSet set, DateTimeOffset now, string type, string subject, string fix)
    {
        if (NotSet > 0)
            set.Set(Make.Critical(type, ConditionReasons.NotSet, $"{subject}: either `ID` or `Name` required."), now);
        else if (NotFound.Count > 0)
            set.Set(Make.Critical(type, ConditionReasons.NotFound, $"{subject} not found.", NotFound, fix), now);
        else if (Ambiguous.Count > 0)
            set.Set(Make.Critical(type, ConditionReasons.Ambiguous, $"{subject} has ambiguous ref.", Ambiguous,
                "Several objects have this name; pick one by its path or id."), now);
    }
}
