namespace MtvConsole.Core.Auditing;

/// <summary>Who did what, to what, and when (sign-in, create/update/delete, start, cutover, cancel).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string User { get; set; }
    public required string Action { get; set; }
    public string Target { get; set; } = "";
    public string Details { get; set; } = "";
    public bool Succeeded { get; set; } = true;
}
