using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Readiness;
using MtvConsole.Core.Resources;
using YamlDotNet.RepresentationModel;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>What hook playbooks read (Forklift's yaml.v2 key names) and the key Secret the guest-agent hook needs.</summary>
public sealed class HookInputsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string At(YamlNode node, params string[] path)
    {
        foreach (var key in path) node = key.All(char.IsDigit) ? ((YamlSequenceNode)node).Children[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return ((YamlScalarNode)node).Value!;
    }

    [Fact]
    public void Workload_and_plan_use_the_keys_of_mtvs_documented_playbooks()
    {
        var h = new EngineHarness();
        var vm = h.HealthyVms().First(v => v.IpAddress.Length > 0);
        var plan = h.AddPlan("inputs", warm: true, [vm]);

        var workload = Load(HookInputs.Workload(vm, h.World.Inventory.Vsphere));
        var spec = Load(HookInputs.Plan(plan));

        Assert.Equal(vm.IpAddress, At(workload, "vm", "ipaddress"));
        Assert.Equal(vm.Name, At(workload, "vm", "vm1", "vm0", "name"));
        Assert.Equal(vm.Id, At(workload, "vm", "vm1", "vm0", "id"));
        Assert.Equal(vm.HostId, At(workload, "host", "host", "resource", "id"));
        Assert.Equal("vm-imports", At(spec, "targetnamespace"));
        Assert.Equal("true", At(spec, "warm"));
        Assert.Equal(vm.Id, At(spec, "vms", "0", "ref", "id"));
    }

    [Fact]
    public void A_hook_whose_playbook_reads_the_mounted_ssh_key_is_not_ready_until_it_names_the_secret()
    {
        var without = BuiltInHooks.InstallQemuGuestAgent(Now, "");
        var with = BuiltInHooks.InstallQemuGuestAgent(Now, "vm-ssh");
        var plain = new Hook { Name = "plain", Image = BuiltInHooks.HookRunnerImage, Playbook = Convert.ToBase64String("- hosts: localhost\n"u8.ToArray()) };

        HookValidator.Validate(without, Now);
        HookValidator.Validate(with, Now);
        HookValidator.Validate(plain, Now);

        var refused = Assert.Single(without.Conditions, c => c.Type == ConditionTypes.SshKeySecretNotSet);
        Assert.Contains(HookSshKey.FilePath, refused.Message, StringComparison.Ordinal);
        Assert.False(without.IsReady);
        Assert.True(with.IsReady);
        Assert.True(plain.IsReady);
    }
}
