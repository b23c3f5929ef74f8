using MtvConsole.Lab.Hooks;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// The machines hook playbooks can SSH to: each at an address, accepting one private key, optionally the guest
/// of a KubeVirt VM that must be running to answer. Records the packages installed and services started
/// there, so a test can see that a hook changed the VM and not the hook pod.
/// </summary>
public sealed class FakeGuests(ObjectStore store) : IHookGuests
{
    private readonly Dictionary<string, Guest> _guests = [];

    public void Add(string address, string privateKey, string? vmNamespace = null, string? vmName = null) =>
        _guests[address] = new Guest(privateKey, vmNamespace, vmName);

    public IReadOnlyList<string> Packages(string address) => _guests.TryGetValue(address, out var g) ? g.Packages : [];

    public IReadOnlyList<string> Services(string address) => _guests.TryGetValue(address, out var g) ? g.Services : [];

    public string? Login(string host, string user, string? privateKey)
    {
        if (!_guests.TryGetValue(host, out var guest)) return $"ssh: connect to host {host} port 22: No route to host";
        if (guest.VmName is not null && !Running(guest.VmNamespace!, guest.VmName)) return $"ssh: connect to host {host} port 22: Connection timed out";
        return privateKey == guest.PrivateKey ? null : $"{user}@{host}: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).";
    }

    public void Apply(string host, string module, IReadOnlyDictionary<string, string> args)
    {
        var guest = _guests[host];
        var name = args.GetValueOrDefault("name") ?? "";
        if (module is "package" or "dnf" or "yum" or "apt" && args.GetValueOrDefault("state") is null or "present" or "installed" or "latest")
            guest.Packages.AddRange(name.Split(',', StringSplitOptions.RemoveEmptyEntries).Except(guest.Packages));
        if (module is "service" or "systemd" or "systemd_service" && args.GetValueOrDefault("state") is "started" or "restarted" && !guest.Services.Contains(name))
            guest.Services.Add(name);
    }

    private bool Running(string ns, string name)
    {
        var spec = store.Get(ResourceTypes.VirtualMachine, ns, name)?["spec"];
        return spec?["runStrategy"]?.GetValue<string>() is "Always" or "RerunOnFailure" || spec?["running"]?.GetValue<bool>() == true;
    }

    private sealed record Guest(string PrivateKey, string? VmNamespace, string? VmName)
    {
        public List<string> Packages { get; } = [];
        public List<string> Services { get; } = [];
    }
}
