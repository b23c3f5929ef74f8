using System.Text;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Lab.Tests.Simulation;

/// <summary>The Lab's hook jobs behave as the hook-runner image does on a cluster (the same simulation as FakeKube's Job controller).</summary>
public sealed class HookRunnerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private async Task<HookJobStatus> RunAsync(HookJobSpec spec)
    {
        var runner = new LabHookRunner(_time);
        await runner.StartAsync(spec);
        _time.Advance(TimeSpan.FromSeconds(LabHookRunner.AttemptSeconds * (spec.Retries + 2)));
        return (await runner.GetAsync(spec.Namespace, spec.Name))!;
    }

    private static HookJobSpec GuestAgent(LabWorld world, string? secret)
    {
        var vm = world.Inventory.Vsphere.Vms.First(v => v.IpAddress.Length > 0);
        var hook = BuiltInHooks.InstallQemuGuestAgent(DateTimeOffset.UnixEpoch, secret ?? "");
        return new HookJobSpec
        {
            Namespace = "vm-imports", Name = "p-posthook", Image = hook.Image, Playbook = hook.Playbook, SshKeySecret = secret, VmId = vm.Id, Retries = 1,
            WorkloadYaml = HookInputs.Workload(vm), PlanYaml = "targetnamespace: vm-imports\n",
        };
    }

    [Fact]
    public async Task An_image_only_hook_on_the_hook_runner_image_fails_because_ansible_runner_gets_no_playbook()
    {
        var status = await RunAsync(new HookJobSpec { Namespace = "vm-imports", Name = "p-prehook", Image = BuiltInHooks.HookRunnerImage, VmId = "vm-1", Retries = 1 });

        Assert.Equal(HookJobPhase.Failed, status.Phase);
        Assert.Equal("The -p option must be specified when not using -m or -r", status.Output);
    }

    [Fact]
    public async Task The_guest_agent_hook_logs_in_to_the_vms_ip_only_with_the_key_secret()
    {
        var world = new LabWorld(new LabOptions { VmCount = 5 }, _time);

        var withKey = await RunAsync(GuestAgent(world, "vm-ssh"));
        var withoutKey = await RunAsync(GuestAgent(world, null) with { Name = "p2-posthook" });

        Assert.Equal(HookJobPhase.Succeeded, withKey.Phase);
        Assert.Equal(HookJobPhase.Failed, withoutKey.Phase);
        Assert.Contains("Could not find or access '/tmp/ssh/key'", withoutKey.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installing_a_package_in_the_hook_pod_fails_as_a_non_root_user()
    {
        const string playbook = "- hosts: localhost\n  tasks:\n  - ansible.builtin.package: {name: qemu-guest-agent, state: present}\n";
        var status = await RunAsync(new HookJobSpec
        {
            Namespace = "vm-imports", Name = "p-posthook", Image = BuiltInHooks.HookRunnerImage, VmId = "vm-1", Retries = 0,
            Playbook = Convert.ToBase64String(Encoding.UTF8.GetBytes(playbook)),
        });

        Assert.Equal(HookJobPhase.Failed, status.Phase);
        Assert.Contains("This command has to be run under the root user.", status.Output, StringComparison.Ordinal);
    }
}
