using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.Tests.Simulation;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_snapshot_requests_get_distinct_tasks_and_snapshots()
    {
        var lab = new LabTestWorld(vmCount: 200);
        var vms = lab.Vsphere.Vms.Where(v => v.ConnectionState == "connected" && !v.IsTemplate && !v.FaultToleranceEnabled && v.Devices.Count == 0).ToArray();

        var taskIds = await Task.WhenAll(vms.Select(v => Task.Run(() => lab.VCenter.CreateSnapshotAsync(v.Id, "s", "d"))));
        lab.Advance(lab.Options.SnapshotCreateSeconds);
        var tasks = await Task.WhenAll(taskIds.Select(id => lab.VCenter.GetTaskAsync(id)));

        Assert.Equal(taskIds.Length, taskIds.Distinct().Count());
        Assert.All(tasks, t => Assert.Equal(SourceTaskState.Success, t.State));
        Assert.Equal(tasks.Length, tasks.Select(t => t.Result).Distinct().Count());
    }
}
