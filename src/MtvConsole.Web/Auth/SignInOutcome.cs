using MtvConsole.Data.Accounts;

namespace MtvConsole.Web.Auth;

public enum SignInResult
{
    Succeeded,
    WrongCredentials,
    LockedOut,
}

public sealed record SignInOutcome(SignInResult Result, UserAccount? Account, DateTimeOffset? LockedUntil = null);
