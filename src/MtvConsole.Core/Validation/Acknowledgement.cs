namespace MtvConsole.Core.Validation;

/// <summary>A user accepted a Critical concern of one VM, with a reason; it then no longer blocks plans.</summary>
public sealed record Acknowledgement(Guid ProviderId, string VmId, string ConcernId, string Reason, string User, DateTimeOffset At);
