namespace MtvConsole.Lab.Hooks;

/// <summary>
/// The Lab's view of a hook's SSH targets: only the VM the hook runs for answers, at its inventory IP address
/// (<c>workload.vm.ipaddress</c>), and only to a login with a private key (the hook's SSH key Secret).
/// </summary>
public sealed class LabGuests(string vmIpAddress) : IHookGuests
{
    public string? Login(string host, string user, string? privateKey) =>
        vmIpAddress.Length == 0 || host != vmIpAddress ? $"ssh: connect to host {host} port 22: No route to host"
        : string.IsNullOrEmpty(privateKey) ? $"{user}@{host}: Permission denied (publickey,gssapi-keyex,gssapi-with-mic)."
        : null;

    public void Apply(string host, string module, IReadOnlyDictionary<string, string> args)
    {
    }
}
