using Bunit;
using MtvConsole.Core.Engine;
using MtvConsole.Web.Components.Dashboard;
using MtvConsole.Web.Dashboard;
using MudBlazor;
using MudBlazor.Services;

namespace MtvConsole.Web.Tests.Dashboard;

public sealed class VmRowTests : BunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    public VmRowTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    [Fact]
    public void A_row_shows_status_transfer_disks_times_and_eta_and_its_details_button_reports_each_toggle()
    {
        var toggles = new List<bool>();
        var row = Render<VmRow>(p => p.Add(r => r.Vm, Vm(version: 1)).Add(r => r.ExpandedChanged, open => toggles.Add(open)));

        Assert.Equal("Running", row.Find("tr.vm-row").GetAttribute("data-status"));
        Assert.Contains("1.5 / 3.0 GiB", row.Find(".vm-transfer").TextContent, StringComparison.Ordinal);
        Assert.Equal("1 / 2", row.Find(".vm-disks").TextContent.Trim());
        Assert.Contains("4m 10s", row.Find(".vm-eta").TextContent, StringComparison.Ordinal);
        Assert.Contains("Disk transfer · CopyDisks", row.Find(".vm-status").TextContent, StringComparison.Ordinal);
        Assert.Empty(row.FindAll(".vm-pipeline"));
        Assert.Equal("false", row.Find("button[aria-label='Details of web-01']").GetAttribute("aria-expanded"));

        row.Find("button[aria-label='Details of web-01']").Click();
        Assert.Equal("true", row.Find("button[aria-label='Details of web-01']").GetAttribute("aria-expanded"));
        row.Find("button[aria-label='Details of web-01']").Click();

        Assert.Equal([true, false], toggles);
        Assert.Single(row.FindAll("tr")); // the details are not part of the row: every virtualized row keeps one height
    }

    [Fact]
    public void Details_show_the_pipeline_steps_with_their_tasks_and_errors_and_close_on_request()
    {
        var closed = false;
        var row = Render<VmDetails>(p => p.Add(r => r.Vm, Vm(version: 1)).Add(r => r.Now, Now).Add(r => r.OnClose, () => closed = true));

        var steps = row.FindAll("tr.pipeline-step");
        Assert.Equal(["Initialize", "DiskTransfer"], steps.Select(s => s.GetAttribute("data-step")));
        Assert.Equal("Completed", steps[0].GetAttribute("data-phase"));
        Assert.Equal("Failed", steps[1].GetAttribute("data-phase"));
        Assert.Contains("Completed 1 of 2 tasks", steps[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("importer pod restarted 4 times", row.Find("li[data-task='disk-2']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Error details:", row.Find(".step-errors").TextContent, StringComparison.Ordinal);
        Assert.Contains("datastore unreachable", row.Find(".step-errors").TextContent, StringComparison.Ordinal);

        row.Find("button[aria-label='Close details of web-01']").Click();
        Assert.True(closed);
    }

    [Fact]
    public void Details_of_a_warm_vm_list_its_precopies_the_next_one_the_failures_and_the_predicted_downtime()
    {
        var row = Render<VmDetails>(p => p.Add(r => r.Vm, Vm(version: 1, warm: true)).Add(r => r.Now, Now));

        var precopies = row.FindAll("tr.precopy-row");
        Assert.Equal(["1", "2", "3"], precopies.Select(p => p.GetAttribute("data-precopy")));
        Assert.Equal(["Succeeded", "Failed", "Running"], precopies.Select(p => p.GetAttribute("data-state")));
        Assert.Contains("10m 00s", precopies[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2.0 GiB", precopies[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("snapshot timed out", precopies[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Idle – next precopy in 12 min", row.Find(".next-precopy").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 failed precopy", row.Find(".precopy-failures").TextContent, StringComparison.Ordinal);
        Assert.Contains("about 1m 30s", row.Find(".predicted-downtime").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_renders_again_only_when_its_vm_version_or_its_selection_changes()
    {
        var row = Render<VmRow>(p => p.Add(r => r.Vm, Vm(version: 5)));
        var renders = row.Instance.Renders;

        // The page passes every row again on each batch; an unchanged version does not render.
        row.Render(p => p.Add(r => r.Vm, Vm(version: 5, completedMiB: 900)));
        Assert.Equal(renders, row.Instance.Renders);

        row.Render(p => p.Add(r => r.Vm, Vm(version: 6, completedMiB: 1536)));
        Assert.Equal(renders + 1, row.Instance.Renders);
        Assert.Contains("2.5 / 3.0 GiB", row.Find(".vm-transfer").TextContent, StringComparison.Ordinal);

        row.Render(p => p.Add(r => r.Vm, Vm(version: 6, completedMiB: 1536)).Add(r => r.Selected, true).Add(r => r.Selectable, true));
        Assert.Equal(renders + 2, row.Instance.Renders);
    }

    [Fact]
    public void Details_of_a_warm_vm_count_down_to_the_next_precopy_as_the_clock_moves_without_vm_changes()
    {
        var row = Render<VmDetails>(p => p.Add(r => r.Vm, Vm(version: 3, warm: true)).Add(r => r.Now, Now));
        Assert.Contains("next precopy in 12 min", row.Find(".next-precopy").TextContent, StringComparison.Ordinal);

        row.Render(p => p.Add(r => r.Vm, Vm(version: 3, warm: true)).Add(r => r.Now, Now.AddMinutes(5)));

        Assert.Contains("next precopy in 7 min", row.Find(".next-precopy").TextContent, StringComparison.Ordinal);
    }

    private static VmProgressDto Vm(long version, bool warm = false, long completedMiB = 512)
    {
        var disks = new[] { new DiskProgressDto("disk-1", 1024, 1024, true), new DiskProgressDto("disk-2", completedMiB, 2048, false) };
        var steps = new[]
        {
            new StepDto(PipelineSteps.Initialize, "Initialize migration.", "Completed", 1, 1, null, Now.AddMinutes(-30), Now.AddMinutes(-29), [], []),
            new StepDto(PipelineSteps.DiskTransfer, "Transfer disks.", "Running", 1024 + completedMiB, 3072, "MiB", Now.AddMinutes(-29), null,
            [
                new StepTaskDto("disk-1", "Completed", 1024, 1024, Now.AddMinutes(-20), []),
                new StepTaskDto("disk-2", "Running", completedMiB, 2048, null, ["importer pod restarted 4 times"]),
            ], ["datastore unreachable"]),
        };
        var precopies = warm
            ? new[]
            {
                new PrecopyDto(1, Now.AddMinutes(-60), Now.AddMinutes(-50), 2L << 30, "Succeeded", null, false),
                new PrecopyDto(2, Now.AddMinutes(-30), Now.AddMinutes(-29), 0, "Failed", "snapshot timed out", false),
                new PrecopyDto(3, Now.AddMinutes(-1), null, 0, "Running", null, false),
            }
            : [];
        return new VmProgressDto("web-plan", Guid.Empty, "vm-1", "web-01", Phases.CopyDisks, VmProgressMapper.Running, PipelineSteps.DiskTransfer,
            disks, precopies, warm ? Now.AddMinutes(11.5) : null, warm ? 1 : 0, 8 << 20, TimeSpan.FromSeconds(250), warm ? TimeSpan.FromSeconds(90) : null,
            Now.AddMinutes(-30), null, null, warm, [], steps, version);
    }
}
