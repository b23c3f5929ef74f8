using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>KubeVirt's view of a VM: <c>printableStatus</c> Running when its run strategy says so, else Stopped.</summary>
public sealed class VirtualMachineController(ObjectStore store)
{
    public void Step()
    {
        var (vms, _) = store.List(ResourceTypes.VirtualMachine, null, _ => true);
        foreach (var vm in vms)
        {
            var running = vm["spec"]?["runStrategy"]?.GetValue<string>() == "Always" || vm["spec"]?["running"]?.GetValue<bool>() == true;
            store.Mutate(ResourceTypes.VirtualMachine, vm["metadata"]!["namespace"]!.GetValue<string>(), vm["metadata"]!["name"]!.GetValue<string>(), v =>
                v["status"] = new JsonObject { ["printableStatus"] = running ? "Running" : "Stopped", ["ready"] = running });
        }
    }
}
