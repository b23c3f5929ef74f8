namespace MtvConsole.Core.Resources;

/// <summary>A migration hook: an image (and optional base64 Ansible playbook) run as a Job before or after a VM migrates.</summary>
public sealed class Hook : Resource
{
    public string Image { get; set; } = "";
    public string? Playbook { get; set; }
    public string? ServiceAccount { get; set; }
    public int? DeadlineSeconds { get; set; }

    /// <summary>
    /// A Secret in the target namespace whose <c>key</c> entry is an SSH private key, mounted into the hook Job
    /// at <see cref="HookSshKey.MountPath"/> for playbooks that log in to the VM (the built-in guest-agent hook).
    /// </summary>
    public string? SshKeySecret { get; set; }
}

public enum HookStep
{
    PreHook,
    PostHook,
}
