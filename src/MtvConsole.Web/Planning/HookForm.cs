using System.Text;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;

namespace MtvConsole.Web.Planning;

/// <summary>A pre- or post-migration hook as the wizard edits it; the playbook is plain YAML here and base64 when stored.</summary>
public sealed class HookForm
{
    public const string DefaultImage = "quay.io/konveyor/hook-runner:latest";

    public string Image { get; set; } = DefaultImage;
    public string Playbook { get; set; } = "";
    public string ServiceAccount { get; set; } = "";
    public int? DeadlineSeconds { get; set; }

    /// <summary>The Secret (in the target namespace) whose <c>key</c> entry is the SSH private key the VM accepts; mounted at <see cref="HookSshKey.MountPath"/>.</summary>
    public string SshKeySecret { get; set; } = "";

    /// <summary>
    /// MTV 2.0's known issue: migrated VMs lack the QEMU guest agent. This post hook logs in to the VM over SSH
    /// (<see cref="BuiltInHooks.InstallQemuGuestAgentPlaybook"/>) and installs it; the user names the key's Secret.
    /// </summary>
    public static HookForm InstallQemuGuestAgent(string sshKeySecret = "") => new()
    {
        Playbook = BuiltInHooks.InstallQemuGuestAgentPlaybook,
        DeadlineSeconds = 900,
        SshKeySecret = sshKeySecret,
    };

    public static HookForm From(Hook hook) => new()
    {
        Image = hook.Image,
        Playbook = string.IsNullOrEmpty(hook.Playbook) ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(hook.Playbook)),
        ServiceAccount = hook.ServiceAccount ?? "",
        DeadlineSeconds = hook.DeadlineSeconds,
        SshKeySecret = hook.SshKeySecret ?? "",
    };

    public Hook ToHook(string name) => new()
    {
        Name = name,
        Image = Image.Trim(),
        Playbook = string.IsNullOrWhiteSpace(Playbook) ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(Playbook)),
        ServiceAccount = string.IsNullOrWhiteSpace(ServiceAccount) ? null : ServiceAccount.Trim(),
        DeadlineSeconds = DeadlineSeconds,
        SshKeySecret = string.IsNullOrWhiteSpace(SshKeySecret) ? null : SshKeySecret.Trim(),
    };

    public string? Problem =>
        string.IsNullOrWhiteSpace(Image) || Image.Any(char.IsWhiteSpace) ? "Give the hook's container image, such as " + DefaultImage + "."
        : DeadlineSeconds is <= 0 ? "The deadline must be a positive number of seconds."
        : SshKeySecret.Trim().Any(char.IsWhiteSpace) ? "The SSH key Secret is a Secret's name; it has no spaces."
        : string.IsNullOrWhiteSpace(SshKeySecret) && HookSshKey.IsReadBy(Playbook)
            ? $"The playbook logs in to the VM with the SSH key at {HookSshKey.FilePath}: name the Secret in the target namespace whose '{HookSshKey.KeyName}' entry is the VM's private key."
        : null;
}
