using MtvConsole.Core.Engine;

namespace MtvConsole.Core.Tests.Engine;

/// <summary>A warm VM paused between precopies holds no transfer slot.</summary>
public sealed class SlotReleaseTests
{
    [Fact]
    public async Task A_vm_on_the_same_host_starts_while_a_warm_vm_is_paused_between_precopies()
    {
        var h = new EngineHarness(vmCount: 200);
        await h.Store.SaveSettingsAsync(new EngineSettings { MaxInFlightPerHost = 1 });
        var macsInUse = (await h.Cluster.GetInventoryAsync()).Vms.SelectMany(v => v.Macs).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var warm = h.HealthyVms(v => v.Disks.Count == 1).First();
        var cold = h.HealthyVms(v => v.HostId == warm.HostId && v.Disks.Count == 1 && v.Id != warm.Id && v.Nics.All(n => !macsInUse.Contains(n.Mac))).First();
        var warmPlan = h.AddPlan("paused", warm: true, [warm]);
        var coldPlan = h.AddPlan("next", warm: false, [cold], ns: "wave-two");
        await h.StartAsync(warmPlan, cutover: h.Time.GetUtcNow().AddHours(5), precopyMinutes: 60);
        await h.StartAsync(coldPlan);

        Assert.Null(h.Vm(coldPlan, cold).Started); // the warm VM's first copy holds the only slot
        await h.RunUntilAsync(() => h.Vm(warmPlan, warm).Phase == Phases.CopyingPaused);
        await h.RunUntilAsync(() => h.Vm(coldPlan, cold).Started is not null);
        Assert.Equal(Phases.CopyingPaused, h.Vm(warmPlan, warm).Phase);

        await h.RunToEndAsync(coldPlan);
        Assert.True(h.Vm(coldPlan, cold).Succeeded, h.Vm(coldPlan, cold).Error?.Reasons.LastOrDefault());
        Assert.Equal(Phases.CopyingPaused, h.Vm(warmPlan, warm).Phase);
    }

    [Fact]
    public async Task A_vm_on_the_same_host_starts_while_the_first_one_converts_and_creates_its_vm()
    {
        var h = new EngineHarness(vmCount: 200);
        await h.Store.SaveSettingsAsync(new EngineSettings { MaxInFlightPerHost = 1 });
        var macsInUse = (await h.Cluster.GetInventoryAsync()).Vms.SelectMany(v => v.Macs).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Convertible(Core.Inventory.VsphereVm v) => v.Disks.Count == 1 && v.Nics.All(n => !macsInUse.Contains(n.Mac))
            && Lab.Generation.GuestOsCatalog.FindByGuestId(v.GuestId) is { ConversionSupported: true };
        var first = h.HealthyVms(Convertible).First();
        var second = h.HealthyVms(v => Convertible(v) && v.HostId == first.HostId && v.Id != first.Id).First();
        var plan = h.AddPlan("one-slot", warm: false, [first, second]);
        await h.StartAsync(plan);

        await h.RunUntilAsync(() => h.Vm(plan, first).Started is not null || h.Vm(plan, second).Started is not null);
        var (copying, waiting) = h.Vm(plan, first).Started is not null ? (first, second) : (second, first);
        Assert.Null(h.Vm(plan, waiting).Started); // the only slot is taken

        await h.RunUntilAsync(() => h.Vm(plan, waiting).Started is not null);
        Assert.Null(h.Vm(plan, copying).Completed);
        Assert.Contains(h.Vm(plan, copying).Phase, new[] { Phases.CreateGuestConversionPod, Phases.ConvertGuest, Phases.CreateVM });

        await h.RunToEndAsync(plan);
        Assert.True(h.Vm(plan, first).Succeeded, h.Vm(plan, first).Error?.Reasons.LastOrDefault());
        Assert.True(h.Vm(plan, second).Succeeded, h.Vm(plan, second).Error?.Reasons.LastOrDefault());
    }
}
