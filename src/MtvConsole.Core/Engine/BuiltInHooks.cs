using System.Text;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>
/// Hooks the console ships with. "Install QEMU guest agent" is MTV 2.0's documented workaround for
/// BZ#2018062 (reference §10): a post hook that logs in to the migrated VM and installs qemu-guest-agent.
/// It follows MTV's documented hook example (kubev2v/forklift d42511bb2 docs/hooks.md): load workload.yml,
/// write the SSH private key from a Secret to a private file, <c>add_host</c> the VM by
/// <c>workload.vm.ipaddress</c>, then run the tasks on that host, not in the hook pod. The key comes from the
/// Secret named in <see cref="Hook.SshKeySecret"/>, mounted at <see cref="HookSshKey.MountPath"/> (the
/// documented example reads it with k8s_info instead, which needs a service account allowed to read Secrets).
/// </summary>
public static class BuiltInHooks
{
    public const string InstallQemuGuestAgentName = "install-qemu-guest-agent";
    public const string HookRunnerImage = "quay.io/konveyor/hook-runner:latest";

    /// <summary>The playbook as plain YAML. The VM's SSH user is root, as in MTV's example; change <c>ansible_user</c> for a sudoer.</summary>
    public const string InstallQemuGuestAgentPlaybook = """
        - name: Reach the migrated VM
          hosts: localhost
          gather_facts: false
          tasks:
            - name: Load the workload
              ansible.builtin.include_vars:
                file: workload.yml
                name: workload
            - name: Copy the SSH private key from the mounted Secret to a private file
              ansible.builtin.copy:
                src: /tmp/ssh/key
                dest: /tmp/id_migrated_vm
                mode: "0600"
            - name: Add the migrated VM by its IP address
              ansible.builtin.add_host:
                name: "{{ workload.vm.ipaddress }}"
                groups: migrated_vm
                ansible_user: root
                ansible_ssh_private_key_file: /tmp/id_migrated_vm
                ansible_ssh_common_args: "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"

        - name: Install the QEMU guest agent
          hosts: migrated_vm
          become: true
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
        """;

    public static Hook InstallQemuGuestAgent(DateTimeOffset now, string sshKeySecret) => new()
    {
        Name = InstallQemuGuestAgentName,
        CreatedAt = now,
        Image = HookRunnerImage,
        Playbook = Convert.ToBase64String(Encoding.UTF8.GetBytes(InstallQemuGuestAgentPlaybook)),
        DeadlineSeconds = 600,
        SshKeySecret = sshKeySecret,
    };
}
