using MtvConsole.Core.Inventory;
using MtvConsole.Core.Resources;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MtvConsole.Core.Engine;

/// <summary>What a hook playbook reads: <c>workload.yml</c> (the VM from the source inventory) and <c>plan.yml</c>.</summary>
public static class HookInputs
{
    private static readonly ISerializer Yaml = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    public static string Workload(VsphereVm vm) => Yaml.Serialize(new Dictionary<string, object> { ["vm"] = vm });

    public static string Plan(Plan plan) => Yaml.Serialize(new Dictionary<string, object>
    {
        ["metadata"] = new Dictionary<string, object> { ["name"] = plan.Name, ["uid"] = plan.Id.ToString() },
        ["spec"] = new Dictionary<string, object?>
        {
            ["targetNamespace"] = plan.TargetNamespace,
            ["warm"] = plan.Warm,
            ["transferNetwork"] = plan.TransferNetwork,
            ["vms"] = plan.Vms.Select(v => new Dictionary<string, object?> { ["id"] = v.Ref.Id, ["name"] = v.Ref.Name }).ToList(),
        },
    });
}
