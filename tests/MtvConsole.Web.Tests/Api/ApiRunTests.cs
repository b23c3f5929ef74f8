using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Data;
using MtvConsole.Web.Readiness;

namespace MtvConsole.Web.Tests.Api;

/// <summary>Runs over the API: start, cutover for the run and per VM, cancel, restart preview and restart, and their refusals.</summary>
public sealed class ApiRunTests : OperatorApiTest
{
    private List<JsonElement> _vms = null!;

    protected override async Task PrepareAsync()
    {
        _vms = await LabApiSetup.CleanVmsAsync(Api, 2);
        await LabApiSetup.CreateReadyPlanAsync(Factory, Api, "warm-wave", _vms, warm: true);
    }

    private string VmName(int i) => _vms[i].GetProperty("name").GetString()!;

    private string VmId(int i) => _vms[i].GetProperty("id").GetString()!;

    [Fact]
    public async Task Cutover_is_set_and_removed_for_the_run_and_per_vm_and_a_warm_run_succeeds_after_cutover_now()
    {
        await (await Api.PutAsJsonAsync("/api/v1/plans/warm-wave/cutover", new { now = true })).AssertProblemAsync(409, "has no run in progress");
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/plans/warm-wave/start", new { precopyIntervalMinutes = 5 })).StatusCode);
        for (var i = 0; i < 5; i++) await ApiSession.TickAsync(Factory);

        var at = Factory.Time.GetUtcNow().AddHours(2);
        var perVm = await (await Api.PutAsJsonAsync($"/api/v1/plans/warm-wave/vms/{VmName(0)}/cutover", new { at })).ReadAsync();
        Assert.Equal(at, VmOf(perVm, VmId(0)).GetProperty("cutover").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, VmOf(perVm, VmId(1)).GetProperty("cutover").ValueKind);
        var removed = await (await Api.DeleteAsync($"/api/v1/plans/warm-wave/vms/{VmId(0)}/cutover")).ReadAsync();
        Assert.Equal(JsonValueKind.Null, VmOf(removed, VmId(0)).GetProperty("cutover").ValueKind);

        var runWide = await (await Api.PutAsJsonAsync("/api/v1/plans/warm-wave/cutover", new { at })).ReadAsync();
        Assert.Equal(at, runWide.GetProperty("cutover").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, (await (await Api.DeleteAsync("/api/v1/plans/warm-wave/cutover")).ReadAsync()).GetProperty("cutover").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await Api.PutAsJsonAsync("/api/v1/plans/warm-wave/cutover", new { now = true })).StatusCode);
        var run = await LabApiSetup.RunToEndAsync(Factory, Api, "warm-wave");
        Assert.Equal(["Succeeded"], run.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));
        Assert.All(run.GetProperty("vms").EnumerateArray(), vm => Assert.True(vm.GetProperty("precopies").GetInt32() >= 1));

        var audit = await (await Factory.SignedInAsync("admin", ConsoleFactory.AdminPassword)).GetStringAsync("/api/v1/audit?take=1000");
        Assert.Contains($"\"user\":\"otto\",\"action\":\"cutover\",\"target\":\"plan/warm-wave/vm/{VmId(0)}\"", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_cutover_requests_name_the_field_or_the_vm_and_change_nothing()
    {
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/v1/plans/warm-wave/start", null)).StatusCode);

        Assert.Contains("at", (await (await Api.PutAsJsonAsync("/api/v1/plans/warm-wave/cutover", new { })).AssertInvalidAsync()).Keys);
        Assert.Contains("at", (await (await Api.PutAsJsonAsync("/api/v1/plans/warm-wave/cutover", new { now = true, at = Factory.Time.GetUtcNow() })).AssertInvalidAsync()).Keys);
        await (await Api.PutAsJsonAsync("/api/v1/plans/warm-wave/vms/no-such-vm/cutover", new { now = true })).AssertProblemAsync(404, "has no VM 'no-such-vm'");
        await (await Api.PutAsJsonAsync("/api/v1/plans/nope/cutover", new { now = true })).AssertProblemAsync(404, "No plan named 'nope'");

        var run = (await Api.GetJsonAsync("/api/v1/plans/warm-wave/runs"))[0];
        Assert.Equal(JsonValueKind.Null, run.GetProperty("cutover").ValueKind);
    }

    [Fact]
    public async Task Canceling_one_vm_leaves_the_other_to_finish_and_a_restart_runs_only_the_canceled_one_again()
    {
        await (await Api.GetAsync("/api/v1/plans/warm-wave/restart-preview")).AssertProblemAsync(409, "has not run yet");
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/plans/warm-wave/start", new { cutover = Factory.Time.GetUtcNow() })).StatusCode);
        await ApiSession.TickAsync(Factory);

        Assert.Contains("vms", (await (await Api.PostAsJsonAsync("/api/v1/plans/warm-wave/cancel", new { vms = new[] { "ghost-vm" } })).AssertInvalidAsync()).Keys);
        var canceled = await (await Api.PostAsJsonAsync("/api/v1/plans/warm-wave/cancel", new { vms = new[] { VmName(0) } })).ReadAsync();
        Assert.Single(canceled.GetProperty("cancel").EnumerateArray());
        await (await Api.PostAsync("/api/v1/plans/warm-wave/restart", null)).AssertProblemAsync(409, "has a run in progress");

        var run = await LabApiSetup.RunToEndAsync(Factory, Api, "warm-wave");
        Assert.Contains("Canceled", VmOf(run, VmId(0)).GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("Succeeded", VmOf(run, VmId(1)).GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));

        var preview = await Api.GetJsonAsync("/api/v1/plans/warm-wave/restart-preview");
        Assert.Equal([VmId(1)], preview.GetProperty("kept").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
        Assert.Equal([VmId(0)], preview.GetProperty("runAgain").EnumerateArray().Select(v => v.GetProperty("id").GetString()));

        var restarted = await Api.PostAsJsonAsync("/api/v1/plans/warm-wave/restart", new { cutover = Factory.Time.GetUtcNow() });
        Assert.Equal(HttpStatusCode.Created, restarted.StatusCode);
        var second = await LabApiSetup.RunToEndAsync(Factory, Api, "warm-wave");
        // The VM that succeeded is kept as it was; only the canceled one ran again, after the first run ended.
        Assert.Equal(VmOf(run, VmId(1)).GetProperty("started").GetDateTimeOffset(), VmOf(second, VmId(1)).GetProperty("started").GetDateTimeOffset());
        Assert.True(VmOf(second, VmId(0)).GetProperty("started").GetDateTimeOffset() > run.GetProperty("completed").GetDateTimeOffset());
        Assert.Contains("Succeeded", VmOf(second, VmId(0)).GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(2, (await Api.GetJsonAsync("/api/v1/plans/warm-wave/runs")).GetArrayLength());
        await (await Api.PostAsync("/api/v1/plans/warm-wave/restart", null)).AssertProblemAsync(409, "nothing to restart");
    }

    [Fact]
    public async Task Canceling_the_whole_run_cancels_every_vm()
    {
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/v1/plans/warm-wave/start", null)).StatusCode);
        await ApiSession.TickAsync(Factory);

        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsJsonAsync("/api/v1/plans/warm-wave/cancel", new { })).StatusCode);

        var run = await LabApiSetup.RunToEndAsync(Factory, Api, "warm-wave");
        Assert.Equal(["Canceled"], run.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));
        await (await Api.PostAsync("/api/v1/plans/warm-wave/cancel", null)).AssertProblemAsync(409, "has no run in progress");
    }

    [Fact]
    public async Task A_plan_that_is_not_ready_is_refused_with_every_blocking_condition_and_no_run_is_created()
    {
        var storageClass = await LabApiSetup.DefaultStorageClassAsync(Api);
        var broken = LabApiSetup.StorageEntries(_vms, "no-such-storage-class");
        Assert.Equal(HttpStatusCode.OK, (await Api.PutAsJsonAsync("/api/v1/storage-maps/warm-wave-disks",
            new { sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, entries = broken })).StatusCode);
        await Factory.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();

        var refused = await (await Api.PostAsync("/api/v1/plans/warm-wave/start", null)).AssertProblemAsync(409, "is not ready");
        var blockers = refused.GetProperty("blockers").EnumerateArray().ToList();
        Assert.NotEmpty(blockers);
        Assert.All(blockers, b => Assert.Contains(b.GetProperty("category").GetString(), new[] { "Critical", "Error" }));
        Assert.Equal(0, (await Api.GetJsonAsync("/api/v1/plans/warm-wave/runs")).GetArrayLength());
        Assert.NotEqual("no-such-storage-class", storageClass);
    }

    [Fact]
    public async Task Starting_an_unknown_plan_is_404_and_a_bad_precopy_interval_is_400()
    {
        await (await Api.PostAsync("/api/v1/plans/nope/start", null)).AssertProblemAsync(404, "No plan named 'nope'");
        await (await Api.GetAsync("/api/v1/plans/nope/runs")).AssertProblemAsync(404, "No plan named 'nope'");
        await (await Api.GetAsync("/api/v1/plans/nope/restart-preview")).AssertProblemAsync(404, "No plan named 'nope'");
        await (await Api.PostAsync("/api/v1/plans/nope/cancel", null)).AssertProblemAsync(404, "No plan named 'nope'");
        Assert.Contains("precopyIntervalMinutes", (await (await Api.PostAsJsonAsync("/api/v1/plans/warm-wave/start", new { precopyIntervalMinutes = 0 })).AssertInvalidAsync()).Keys);
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Migrations.AnyAsync());
    }

    private static JsonElement VmOf(JsonElement run, string id) => run.GetProperty("vms").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);
}
