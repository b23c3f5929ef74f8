using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Engine;

/// <summary>An active run in one engine tick: the run, its plan context, the source inventory and the adapters.</summary>
internal sealed class RunWork(MigrationRun run, PlanContext context, VsphereInventory inventory, ISourceProvider source, ITargetCluster target, IHookRunner hooks)
{
    private readonly Dictionary<string, Itinerary> _itineraries = [];

    // Plan order is queue order: stores need not return VMs sorted.
    private readonly bool _sorted = SortByPlanOrder(run, context.Plan);

    public MigrationRun Run { get; } = run;
    public PlanContext Context { get; } = context;
    public VsphereInventory Inventory { get; } = inventory;
    public ISourceProvider Source { get; } = source;
    public ITargetCluster Target { get; } = target;
    public IHookRunner Hooks { get; } = hooks;
    public HashSet<VmStatus> Dirty { get; } = [];

    private static bool SortByPlanOrder(MigrationRun run, Plan plan)
    {
        var order = plan.Vms.Select((v, i) => (Key: v.Ref.Id ?? v.Ref.Name ?? "", i)).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().i);
        var sorted = run.Vms.OrderBy(v => order.GetValueOrDefault(v.VmId, order.GetValueOrDefault(v.Name, int.MaxValue))).ToList();
        run.Vms.Clear();
        run.Vms.AddRange(sorted);
        return true;
    }

    public PlanVm? PlanVmOf(string vmId, string name) =>
        Context.Plan.Vms.FirstOrDefault(v => v.Ref.Id == vmId) ?? Context.Plan.Vms.FirstOrDefault(v => v.Ref.Id is null && v.Ref.Name == name);

    public Hook? HookOf(string vmId, string name, HookStep step)
    {
        var planVm = PlanVmOf(vmId, name);
        var hookId = planVm?.Hooks.FirstOrDefault(h => h.Step == step)?.HookId;
        return hookId is { } id ? Context.Hooks.GetValueOrDefault(id) : null;
    }

    public Itinerary ItineraryOf(string vmId, string name)
    {
        if (_itineraries.TryGetValue(vmId, out var itinerary)) return itinerary;
        itinerary = Itinerary.For(Context.Plan.Warm, HookOf(vmId, name, HookStep.PreHook) is not null, HookOf(vmId, name, HookStep.PostHook) is not null);
        _itineraries[vmId] = itinerary;
        return itinerary;
    }
}
