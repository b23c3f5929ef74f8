using System.Text;
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

    /// <summary>MTV 2.0's known issue: migrated VMs lack the QEMU guest agent. This post hook installs it.</summary>
    public static HookForm InstallQemuGuestAgent() => new()
    {
        Playbook = """
            - name: Install the QEMU guest agent
              hosts: localhost
              tasks:
                - name: Install qemu-guest-agent with the guest's package manager
                  ansible.builtin.package:
                    name: qemu-guest-agent
                    state: present
                - name: Start and enable the agent
                  ansible.builtin.service:
                    name: qemu-guest-agent
                    state: started
                    enabled: true
            """,
        DeadlineSeconds = 900,
    };

    public static HookForm From(Hook hook) => new()
    {
        Image = hook.Image,
        Playbook = string.IsNullOrEmpty(hook.Playbook) ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(hook.Playbook)),
        ServiceAccount = hook.ServiceAccount ?? "",
        DeadlineSeconds = hook.DeadlineSeconds,
    };

    public Hook ToHook(string name) => new()
    {
        Name = name,
        Image = Image.Trim(),
        Playbook = string.IsNullOrWhiteSpace(Playbook) ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(Playbook)),
        ServiceAccount = string.IsNullOrWhiteSpace(ServiceAccount) ? null : ServiceAccount.Trim(),
        DeadlineSeconds = DeadlineSeconds,
    };

    public string? Problem =>
        string.IsNullOrWhiteSpace(Image) || Image.Any(char.IsWhiteSpace) ? "Give the hook's container image, such as " + DefaultImage + "."
        : DeadlineSeconds is <= 0 ? "The deadline must be a positive number of seconds."
        : null;
}
