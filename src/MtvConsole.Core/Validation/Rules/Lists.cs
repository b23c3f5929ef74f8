namespace MtvConsole.Core.Validation.Rules;

/// <summary>Allocation-free checks over optional lists (validation runs over every VM of every provider).</summary>
internal static class Lists
{
    public static bool Any<T>(IReadOnlyList<T>? items, Func<T, bool> predicate)
    {
        if (items is null) return false;
        for (var i = 0; i < items.Count; i++)
        {
            if (predicate(items[i])) return true;
        }

        return false;
    }
}
