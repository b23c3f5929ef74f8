using System.Text;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// Hooks the console ships with. "Install QEMU guest agent" is MTV 2.0's documented workaround for
/// BZ#2018062 (reference §10): a post hook whose Ansible playbook installs qemu-guest-agent.
/// </summary>
public static class BuiltInHooks
{
    public const string InstallQemuGuestAgentName = "install-qemu-guest-agent";
    public const string HookRunnerImage = "quay.io/konveyor/hook-runner:latest";

    private const string Playbook = """
        - name: Install QEMU guest agent
          hosts: localhost
          tasks:
            - name: Install and start qemu-guest-agent on the migrated VM
              ansible.builtin.package:
                name: qemu-guest-agent
                state: present
        """;

    public static Hook InstallQemuGuestAgent(DateTimeOffset now) => new()
    {
        Name = InstallQemuGuestAgentName,
        CreatedAt = now,
        Image = HookRunnerImage,
        Playbook = Convert.ToBase64String(Encoding.UTF8.GetBytes(Playbook)),
        DeadlineSeconds = 600,
    };
}
