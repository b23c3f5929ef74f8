using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Tests.Engine;

public sealed class SchedulerTests
{
    [Fact]
    public async Task Three_plans_of_50_vms_share_the_per_host_limit_fairly()
    {
        var h = new EngineHarness(vmCount: 400);
        var busiest = h.Vsphere.Vms.Where(v => v.Disks.Count > 0 && v.Disks.Count <= 20).GroupBy(v => v.HostId).OrderByDescending(g => g.Count()).First();
        var vms = h.Vsphere.Vms.Where(v => v.Disks.Count > 0 && v.Disks.Count <= 20)
            .OrderBy(v => v.HostId == busiest.Key ? 0 : 1).Take(150).ToArray();
        var plans = Enumerable.Range(0, 3).Select(i => h.AddPlan($"p{i}", warm: false, vms.Where((_, n) => n % 3 == i), ns: $"ns{i}")).ToArray();
        foreach (var plan in plans) await h.Commands.StartAsync(plan.Name, "ops");

        var maxSeen = 0;
        var firstAdmission = true;
        var runs = plans.Select(h.Run).ToList();
        for (var tick = 0; tick < 20_000 && runs.Any(r => r.Completed is null); tick++)
        {
            await h.TickAsync(20);
            runs = plans.Select(h.Run).ToList();
            var running = runs.SelectMany(r => r.Vms).Where(v => v.IsRunning).ToList();
            var byHost = running.GroupBy(v => h.Vsphere.FindVm(v.VmId)!.HostId)
                .Select(g => (Cost: g.Sum(v => TransferScheduler.Cost(v, h.Vsphere.FindVm(v.VmId)!.Disks.Count)), Count: g.Count(v => TransferScheduler.Cost(v, 1) > 0)));
            foreach (var (cost, count) in byHost)
            {
                Assert.True(cost <= 20 || count == 1, $"{cost} disk transfers in flight on one host");
                maxSeen = Math.Max(maxSeen, cost);
            }

            if (firstAdmission && running.Count > 0)
            {
                firstAdmission = false;
                var perPlan = runs.Select(r => r.Vms.Count(v => v.Started is not null && h.Vsphere.FindVm(v.VmId)!.HostId == busiest.Key)).ToArray();
                Assert.True(perPlan.Max() - perPlan.Min() <= 1 || perPlan.Sum() < 3, $"unfair first admission: {string.Join(", ", perPlan)}");
                var waiting = runs.SelectMany(r => r.Vms).First(v => v.Started is null && h.Vsphere.FindVm(v.VmId)!.HostId == busiest.Key);
                Assert.Contains(waiting.Conditions, c => c.Type == EngineConditions.Pending && c.Message.StartsWith("Waiting for a transfer slot on host ", StringComparison.Ordinal) && c.Message.Contains("limit 20", StringComparison.Ordinal));
            }
        }

        Assert.All(runs, r => Assert.NotNull(r.Completed));
        Assert.True(maxSeen > 10, $"the limit was never used ({maxSeen})");
    }

    [Fact]
    public async Task A_vm_with_more_disks_than_the_limit_starts_when_its_host_is_idle()
    {
        var h = new EngineHarness(vmCount: 200);
        await h.Store.SaveSettingsAsync(new EngineSettings { MaxInFlightPerHost = 2 });
        var big = h.HealthyVms(v => v.Disks.Count >= 3).First();
        var small = h.HealthyVms(v => v.HostId == big.HostId && v.Disks.Count == 1 && v.Id != big.Id).First();
        var first = h.AddPlan("small", warm: false, [small]);
        var second = h.AddPlan("big", warm: false, [big], ns: "prod-apps");
        await h.StartAsync(first);
        await h.TickAsync();
        await h.StartAsync(second);

        var bigStatus = h.Vm(second, big);
        Assert.Null(bigStatus.Started);
        Assert.Contains("limit 2", bigStatus.Conditions.Single(c => c.Type == EngineConditions.Pending).Message, StringComparison.Ordinal);

        await h.RunUntilAsync(() => h.Vm(second, big).Started is not null);
        Assert.Equal(0, TransferScheduler.Cost(h.Vm(first, small), 1));

        await h.RunToEndAsync(second);
        Assert.True(h.Vm(second, big).Succeeded, h.Vm(second, big).Error?.Reasons.LastOrDefault());
    }
}
