using System.Text;
using System.Text.Json.Nodes;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.FakeKube;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>Hooks as real Jobs: the engine on the fake cluster, whose Job controller runs the playbook the way the hook-runner image does.</summary>
public sealed class HookJobTests
{
    private const string PrivateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nfake key of the migrated VM\n-----END OPENSSH PRIVATE KEY-----\n";

    /// <summary>MTV's documented way to read the hook inputs (kubev2v/forklift d42511bb2 docs/hooks.md).</summary>
    private const string DocumentedPlaybook = """
        - name: Main
          hosts: localhost
          tasks:
          - name: Load Plan
            include_vars:
              file: plan.yml
              name: plan
          - name: Load Workload
            include_vars:
              file: workload.yml
              name: workload
          - name: Show where the VM goes
            debug:
              msg: "{{ workload.vm.ipaddress }} to {{ plan.targetnamespace }} (warm {{ plan.warm }}, first VM {{ plan.vms[0].ref.id }})"
        """;

    private static Hook Hook(string name, string playbook, string? sshKeySecret = null) => new()
    {
        Name = name, Image = BuiltInHooks.HookRunnerImage, Playbook = Convert.ToBase64String(Encoding.UTF8.GetBytes(playbook)), SshKeySecret = sshKeySecret,
    };

    /// <summary>The user's Secret, made before the plan runs (so the target namespace exists already).</summary>
    private static void AddKeySecret(EngineOnFakeCluster h, string name)
    {
        h.Cluster.AddNamespace("vm-imports");
        h.Cluster.Store.Create(ResourceTypes.Secret, "vm-imports", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["data"] = new JsonObject { ["key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(PrivateKey)) },
        });
    }

    [Fact]
    public async Task A_documented_pre_hook_playbook_reads_the_workload_ip_and_the_plans_target_namespace()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        Assert.NotEmpty(vm.IpAddress);
        var hook = Hook("documented", DocumentedPlaybook);
        h.Store.Hooks[hook.Id] = hook;
        var plan = h.AddPlan("documented-hook", warm: false, vm, [new PlanHook(HookStep.PreHook, hook.Id)]);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        var status = h.Vm(plan);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        var job = h.Cluster.Store.Get(ResourceTypes.Job, "vm-imports", MigrationNames.HookJob(plan, vm.Id, HookStep.PreHook))!;
        Assert.Equal(["/bin/entrypoint", "ansible-runner", "run", "/tmp/runner", "-p", "/tmp/hook/playbook.yml"],
            job["spec"]!["template"]!["spec"]!["containers"]![0]!["command"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task A_playbook_path_the_workload_does_not_have_fails_the_vm_with_ansibles_undefined_variable_message()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        var hook = Hook("camel", DocumentedPlaybook.Replace("workload.vm.ipaddress", "workload.vm.ipAddress", StringComparison.Ordinal));
        h.Store.Hooks[hook.Id] = hook;
        var plan = h.AddPlan("camel-hook", warm: false, vm, [new PlanHook(HookStep.PreHook, hook.Id)]);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        var status = h.Vm(plan);
        Assert.False(status.Succeeded);
        Assert.Contains("'dict object' has no attribute 'ipAddress'", status.Error!.Reasons[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_guest_agent_post_hook_installs_the_agent_on_the_migrated_vm_over_ssh_with_the_named_secrets_key()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        AddKeySecret(h, "vm-ssh");
        h.Cluster.Jobs.Guests.Add(vm.IpAddress, PrivateKey, "vm-imports", MigrationNames.TargetVm(vm.Name));
        var hook = BuiltInHooks.InstallQemuGuestAgent(h.Cluster.Time.GetUtcNow(), "vm-ssh");
        h.Store.Hooks[hook.Id] = hook;
        var plan = h.AddPlan("agent-hook", warm: false, vm, [new PlanHook(HookStep.PostHook, hook.Id)]);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        var status = h.Vm(plan);
        Assert.True(status.Succeeded, status.Error?.Reasons.LastOrDefault());
        Assert.Equal(["qemu-guest-agent"], h.Cluster.Jobs.Guests.Packages(vm.IpAddress));
        Assert.Equal(["qemu-guest-agent"], h.Cluster.Jobs.Guests.Services(vm.IpAddress));
    }

    [Fact]
    public async Task The_guest_agent_post_hook_without_the_vms_key_cannot_log_in()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        AddKeySecret(h, "other-key");
        h.Cluster.Jobs.Guests.Add(vm.IpAddress, "a key the VM accepts", "vm-imports", MigrationNames.TargetVm(vm.Name));
        var hook = BuiltInHooks.InstallQemuGuestAgent(h.Cluster.Time.GetUtcNow(), "other-key");
        h.Store.Hooks[hook.Id] = hook;
        var plan = h.AddPlan("agent-wrong-key", warm: false, vm, [new PlanHook(HookStep.PostHook, hook.Id)]);

        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);

        var status = h.Vm(plan);
        Assert.False(status.Succeeded);
        Assert.Contains($"fatal: [{vm.IpAddress}]: UNREACHABLE!", status.Error!.Reasons[^1], StringComparison.Ordinal);
        Assert.Contains("Permission denied (publickey", status.Error.Reasons[^1], StringComparison.Ordinal);
        Assert.Empty(h.Cluster.Jobs.Guests.Packages(vm.IpAddress));
    }

    [Fact]
    public async Task Restart_preview_lists_a_failed_vms_hook_job_on_the_cluster_and_archive_deletes_it_with_its_configmap()
    {
        await using var h = await EngineOnFakeCluster.StartAsync();
        var vm = h.HealthyVm();
        var hook = new Hook { Name = "broken", Image = "quay.io/example/hook-fail" };
        h.Store.Hooks[hook.Id] = hook;
        var plan = h.AddPlan("leftover-hook", warm: false, vm, [new PlanHook(HookStep.PreHook, hook.Id)]);
        await h.StartAsync(plan);
        await h.RunUntilAsync(() => h.Run(plan).Completed is not null);
        Assert.False(h.Vm(plan).Succeeded);
        var job = MigrationNames.HookJob(plan, vm.Id, HookStep.PreHook);

        var preview = await h.Commands.PreviewRestartAsync(plan.Name);

        Assert.True(preview.Succeeded, preview.Problem);
        Assert.Contains($"Job vm-imports/{job}", Assert.Single(preview.Value!.RunAgain).Leftovers);
        Assert.True((await h.Commands.ArchiveAsync(plan.Name, "ops")).Succeeded);
        Assert.Null(h.Cluster.Store.Get(ResourceTypes.Job, "vm-imports", job));
        Assert.Null(h.Cluster.Store.Get(ResourceTypes.ConfigMap, "vm-imports", job));
    }
}
