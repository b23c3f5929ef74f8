namespace MtvConsole.Core.Readiness;

/// <summary>The outcome of a host migration network's connection test (login to <c>https://&lt;ip&gt;/sdk</c>): passed, or the host's message.</summary>
public sealed record HostConnectionCheck(bool Succeeded, string? Error)
{
    public static HostConnectionCheck Passed { get; } = new(true, null);

    public static HostConnectionCheck Failed(string error) => new(false, error);
}
