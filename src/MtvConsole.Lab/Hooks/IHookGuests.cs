namespace MtvConsole.Lab.Hooks;

/// <summary>The machines a hook playbook can log in to over SSH (the migrated VMs), as the simulation sees them.</summary>
public interface IHookGuests
{
    /// <summary>ssh's error for this login (as ansible reports it after "Failed to connect to the host via ssh: "), or null when it works.</summary>
    string? Login(string host, string user, string? privateKey);

    /// <summary>A module ran on the host with these (templated) arguments: record what it changed.</summary>
    void Apply(string host, string module, IReadOnlyDictionary<string, string> args);
}
