namespace MtvConsole.Web.Dashboard;

/// <summary>What the cutover dialog returns: a time (now or later), or the removal of the cutover.</summary>
public sealed record CutoverChoice(DateTimeOffset? At)
{
    public bool Remove => At is null;

    /// <summary>The time chosen from a UTC date and time of day; null when either is missing.</summary>
    public static DateTimeOffset? Combine(DateTime? date, TimeSpan? time) =>
        date is { } d && time is { } t ? new DateTimeOffset(d.Date + t, TimeSpan.Zero) : null;
}
