using MtvConsole.Core.Engine;
using MtvConsole.Core.Resources;
using MtvConsole.Web.Dashboard;

namespace MtvConsole.Web.Tests.Dashboard;

/// <summary>What a VM row says about speed: a rate and an ETA only while a copy runs, the predicted downtime also between precopies.</summary>
public sealed class VmProgressMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly VmEstimate Measured = new(100 * 1024 * 1024, TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(90));

    private static VmProgressDto Map(string phase)
    {
        var run = new MigrationRun { Started = Now };
        var vm = new VmStatus { VmId = "vm-1", Name = "app-01", Phase = phase, Started = Now };
        run.Vms.Add(vm);
        return VmProgressMapper.Vm("plan", warm: true, run, vm, Measured, version: 1);
    }

    [Fact]
    public void A_copying_vm_shows_its_throughput_and_eta()
    {
        var dto = Map(Phases.CopyDisks);

        Assert.Equal(Measured.BytesPerSecond, dto.BytesPerSecond);
        Assert.Equal(TimeSpan.FromMinutes(4), dto.Eta);
        Assert.Equal(TimeSpan.FromSeconds(90), dto.PredictedDowntime);
    }

    [Theory]
    [InlineData(Phases.CopyingPaused)]
    [InlineData(Phases.ConvertGuest)]
    public void Between_copies_the_last_rate_is_not_shown_as_current_but_the_predicted_downtime_is(string phase)
    {
        var dto = Map(phase);

        Assert.Equal(0, dto.BytesPerSecond);
        Assert.Null(dto.Eta);
        Assert.Equal(TimeSpan.FromSeconds(90), dto.PredictedDowntime);
    }
}
