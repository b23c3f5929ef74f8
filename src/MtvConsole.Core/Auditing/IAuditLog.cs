namespace MtvConsole.Core.Auditing;

public interface IAuditLog
{
    Task RecordAsync(string user, string action, string target, string details = "", bool succeeded = true, CancellationToken cancellationToken = default);
}

/// <summary>Audit action names.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Refresh = "refresh";
    public const string Unlock = "unlock";
    public const string Start = "start";
    public const string Cutover = "cutover";
    public const string Cancel = "cancel";
    public const string Archive = "archive";
}
