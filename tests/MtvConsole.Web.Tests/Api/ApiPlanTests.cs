using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Engine;
using MtvConsole.Data;

namespace MtvConsole.Web.Tests.Api;

/// <summary>Plans over the API: create and edit with the wizard's rules, read, duplicate, archive, delete, and every refusal.</summary>
public sealed class ApiPlanTests : OperatorApiTest
{
    private List<JsonElement> _vms = null!;
    private string _storageClass = "";

    protected override async Task PrepareAsync()
    {
        _vms = await LabApiSetup.CleanVmsAsync(Api, 2);
        _storageClass = await LabApiSetup.DefaultStorageClassAsync(Api);
    }

    private MtvDbContext Db() => Factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContext();

    private object NewPlan(string name, object? vms = null, object? networkEntries = null, object? preHook = null) => new
    {
        name, sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, targetNamespace = "prod-apps",
        vms = vms ?? _vms.Select(v => v.GetProperty("name").GetString()),
        networkEntries = networkEntries ?? LabApiSetup.NetworkEntries(_vms),
        storageEntries = LabApiSetup.StorageEntries(_vms, _storageClass),
        warm = true, precopyIntervalMinutes = 30, cutover = new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero),
        preHook,
    };

    [Fact]
    public async Task A_plan_created_with_new_maps_and_a_hook_reads_back_with_its_settings_conditions_and_vms()
    {
        var created = await Api.PostAsJsonAsync("/api/v1/plans", NewPlan("wave-1", preHook: new { playbook = "- hosts: localhost\n  tasks: []\n" }));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal("/api/v1/plans/wave-1", created.Headers.Location?.OriginalString);

        var plan = await Api.GetJsonAsync("/api/v1/plans/wave-1");
        Assert.Equal(("lab-vcenter", "host", "prod-apps"), (plan.GetProperty("sourceProvider").GetString(), plan.GetProperty("destinationProvider").GetString(), plan.GetProperty("targetNamespace").GetString()));
        Assert.Equal(("wave-1-network", "wave-1-storage"), (plan.GetProperty("networkMap").GetString(), plan.GetProperty("storageMap").GetString()));
        Assert.True(plan.GetProperty("warm").GetBoolean());
        Assert.Equal(30, plan.GetProperty("precopyIntervalMinutes").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero), plan.GetProperty("scheduledCutover").GetDateTimeOffset());
        Assert.Equal(["wave-1-prehook"], plan.GetProperty("hooks").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(_vms.Select(v => v.GetProperty("id").GetString()).Order(), plan.GetProperty("vms").EnumerateArray().Select(v => v.GetProperty("id").GetString()).Order());
        Assert.All(plan.GetProperty("vms").EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.GetProperty("run").ValueKind));
        Assert.NotEmpty(plan.GetProperty("conditions").EnumerateArray());

        var hook = await Api.GetJsonAsync("/api/v1/hooks/wave-1-prehook");
        Assert.Equal("- hosts: localhost\n  tasks: []\n", hook.GetProperty("playbook").GetString());
        Assert.Equal(["wave-1"], hook.GetProperty("plans").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("\"name\":\"wave-1\"", await Api.GetStringAsync("/api/v1/plans"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_plans_are_refused_naming_each_field_and_create_nothing()
    {
        Assert.Contains("name", (await (await Api.PostAsJsonAsync("/api/v1/plans", NewPlan("Bad_Name"))).AssertInvalidAsync()).Keys);
        var unknownVm = await (await Api.PostAsJsonAsync("/api/v1/plans", NewPlan("wave-2", vms: new[] { "no-such-vm" }))).AssertInvalidAsync();
        Assert.Contains("no-such-vm", unknownVm["vms"][0], StringComparison.Ordinal);
        var unmapped = await (await Api.PostAsJsonAsync("/api/v1/plans", NewPlan("wave-2", networkEntries: new[] { new { source = "network-no-vm-uses", destination = "pod" } }))).AssertInvalidAsync();
        Assert.StartsWith("Map every network the selected VMs use; not mapped:", unmapped["networkEntries"][0], StringComparison.Ordinal);
        var badNad = await (await Api.PostAsJsonAsync("/api/v1/plans", NewPlan("wave-2",
            networkEntries: LabApiSetup.NetworkEntries(_vms).Select((e, i) => i == 0 ? (object)new { source = ((dynamic)e).source, destination = "multus", nad = "no-slash" } : e)))).AssertInvalidAsync();
        Assert.Contains("networkEntries[0].nad", badNad.Keys);
        var badProvider = await (await Api.PostAsJsonAsync("/api/v1/plans", new { name = "wave-2", sourceProvider = "host", destinationProvider = "nope", targetNamespace = "x" })).AssertInvalidAsync();
        Assert.Equal("'host' is not a vSphere provider.", badProvider["sourceProvider"][0]);
        Assert.Equal("No provider named 'nope'.", badProvider["destinationProvider"][0]);
        var noMaps = await (await Api.PostAsJsonAsync("/api/v1/plans", new
        {
            name = "wave-2", sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, targetNamespace = "prod-apps",
            vms = new[] { _vms[0].GetProperty("id").GetString() }, networkMap = "no-such-map",
        })).AssertInvalidAsync();
        Assert.Equal("No network map named 'no-such-map'.", noMaps["networkMap"][0]);
        Assert.Contains("storageMap", noMaps.Keys);
        Assert.Contains("precopyIntervalMinutes", (await (await Api.PostAsJsonAsync("/api/v1/plans", new
        {
            name = "wave-2", sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, targetNamespace = "prod-apps",
            vms = new[] { _vms[0].GetProperty("id").GetString() }, networkEntries = LabApiSetup.NetworkEntries(_vms), storageEntries = LabApiSetup.StorageEntries(_vms, _storageClass),
            warm = true, precopyIntervalMinutes = 0,
        })).AssertInvalidAsync()).Keys);
        Assert.Contains("preHook", (await (await Api.PostAsJsonAsync("/api/v1/plans", NewPlan("wave-2", preHook: new { image = "not an image" }))).AssertInvalidAsync()).Keys);

        await using var db = Db();
        Assert.False(await db.Plans.AnyAsync());
        Assert.False(await db.NetworkMaps.AnyAsync());
        Assert.False(await db.StorageMaps.AnyAsync());
        Assert.False(await db.Hooks.AnyAsync());
    }

    [Fact]
    public async Task A_plan_is_edited_until_it_runs_and_then_refused_and_a_rename_is_refused()
    {
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/plans", NewPlan("wave-3"))).StatusCode);

        var edited = await Api.PutAsJsonAsync("/api/v1/plans/wave-3", new { description = "first wave", vms = new[] { _vms[0].GetProperty("id").GetString() }, precopyIntervalMinutes = 45 });
        Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var plan = await edited.ReadAsync();
        Assert.Equal("first wave", plan.GetProperty("description").GetString());
        Assert.Equal(45, plan.GetProperty("precopyIntervalMinutes").GetInt32());
        Assert.Single(plan.GetProperty("vms").EnumerateArray());
        Assert.Equal("wave-3-network", plan.GetProperty("networkMap").GetString());

        Assert.Contains("name", (await (await Api.PutAsJsonAsync("/api/v1/plans/wave-3", new { name = "wave-4" })).AssertInvalidAsync()).Keys);
        await (await Api.PutAsJsonAsync("/api/v1/plans/nope", new { description = "x" })).AssertProblemAsync(404, "No plan named 'nope'");

        await Factory.Services.GetRequiredService<MtvConsole.Web.Readiness.ReadinessService>().RevalidateAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/plans/wave-3/start", new { cutover = Factory.Time.GetUtcNow() })).StatusCode);
        await ApiSession.TickAsync(Factory);
        await (await Api.PutAsJsonAsync("/api/v1/plans/wave-3", new { description = "changed" })).AssertProblemAsync(409, "has already run; duplicate it");
        Assert.Equal("first wave", (await Api.GetJsonAsync("/api/v1/plans/wave-3")).GetProperty("description").GetString());
    }

    [Fact]
    public async Task Duplicate_archive_and_delete_follow_the_plan_lists_rules()
    {
        await LabApiSetup.CreateReadyPlanAsync(Factory, Api, "wave-5", _vms, warm: false);

        var copy = await Api.PostAsJsonAsync("/api/v1/plans/wave-5/duplicate", new { name = "wave-5-copy" });
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        Assert.Equal("wave-5-net", (await copy.ReadAsync()).GetProperty("networkMap").GetString());
        await (await Api.PostAsJsonAsync("/api/v1/plans/wave-5/duplicate", new { name = "wave-5-copy" })).AssertProblemAsync(409, "already exists");
        Assert.Contains("name", (await (await Api.PostAsJsonAsync("/api/v1/plans/wave-5/duplicate", new { name = "Not A Name" })).AssertInvalidAsync()).Keys);
        await (await Api.PostAsJsonAsync("/api/v1/plans/nope/duplicate", new { name = "x" })).AssertProblemAsync(404, "No plan named 'nope'");

        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/v1/plans/wave-5/start", null)).StatusCode);
        await ApiSession.TickAsync(Factory);
        await (await Api.PostAsync("/api/v1/plans/wave-5/archive", null)).AssertProblemAsync(409, "has a run in progress");
        await (await Api.DeleteAsync("/api/v1/plans/wave-5")).AssertProblemAsync(409, "is running; cancel it first");
        await LabApiSetup.RunToEndAsync(Factory, Api, "wave-5");

        var archived = await Api.PostAsync("/api/v1/plans/wave-5/archive", null);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal("Archived", (await Api.GetJsonAsync("/api/v1/plans/wave-5")).GetProperty("status").GetString());
        Assert.DoesNotContain("\"name\":\"wave-5\"", await Api.GetStringAsync("/api/v1/plans"), StringComparison.Ordinal);
        Assert.Contains("\"name\":\"wave-5\"", await Api.GetStringAsync("/api/v1/plans?archived=true"), StringComparison.Ordinal);
        await (await Api.PostAsync("/api/v1/plans/wave-5/start", null)).AssertProblemAsync(409, "is archived");
        await (await Api.PostAsync("/api/v1/plans/wave-5/archive", null)).AssertProblemAsync(409, "is archived");

        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync("/api/v1/plans/wave-5")).StatusCode);
        await (await Api.GetAsync("/api/v1/plans/wave-5")).AssertProblemAsync(404, "No plan named 'wave-5'");
        await (await Api.DeleteAsync("/api/v1/plans/wave-5")).AssertProblemAsync(404, "No plan named 'wave-5'");
        await (await Api.PostAsync("/api/v1/plans/wave-5/archive", null)).AssertProblemAsync(404, "No plan named 'wave-5'");

        var audit = await (await Factory.SignedInAsync("admin", ConsoleFactory.AdminPassword)).GetStringAsync("/api/v1/audit?take=1000");
        foreach (var action in new[] { "\"action\":\"create\",\"target\":\"plan/wave-5-copy\"", "\"action\":\"archive\",\"target\":\"plan/wave-5\"", "\"action\":\"delete\",\"target\":\"plan/wave-5\"" })
            Assert.Contains($"\"user\":\"otto\",{action}", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hook_is_changed_through_the_api_and_a_bad_change_is_refused_unchanged()
    {
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/plans", NewPlan("wave-6", preHook: new { playbook = "- hosts: all\n" }))).StatusCode);

        var changed = await Api.PutAsJsonAsync("/api/v1/hooks/wave-6-prehook", new { image = "quay.io/acme/hooks:2", playbook = "- hosts: localhost\n", deadlineSeconds = 600 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(("quay.io/acme/hooks:2", 600), ((await changed.ReadAsync()).GetProperty("image").GetString(), (await Api.GetJsonAsync("/api/v1/hooks/wave-6-prehook")).GetProperty("deadlineSeconds").GetInt32()));

        Assert.Contains("deadlineSeconds", (await (await Api.PutAsJsonAsync("/api/v1/hooks/wave-6-prehook", new { image = "quay.io/acme/hooks:3", deadlineSeconds = -1 })).AssertInvalidAsync()).Keys);
        Assert.Contains("image", (await (await Api.PutAsJsonAsync("/api/v1/hooks/wave-6-prehook", new { image = "has spaces" })).AssertInvalidAsync()).Keys);
        await (await Api.PutAsJsonAsync("/api/v1/hooks/nope", new { image = "quay.io/a/b:1" })).AssertProblemAsync(404, "No hook named 'nope'");
        await (await Api.GetAsync("/api/v1/hooks/nope")).AssertProblemAsync(404, "No hook named 'nope'");
        Assert.Equal("quay.io/acme/hooks:2", (await Api.GetJsonAsync("/api/v1/hooks/wave-6-prehook")).GetProperty("image").GetString());
    }

    [Fact]
    public async Task A_hook_that_logs_in_to_the_vm_with_the_mounted_key_needs_the_key_secret()
    {
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/plans", NewPlan("wave-7", preHook: new { playbook = "- hosts: localhost\n" }))).StatusCode);
        var agent = BuiltInHooks.InstallQemuGuestAgentPlaybook;

        var refused = await (await Api.PutAsJsonAsync("/api/v1/hooks/wave-7-prehook", new { playbook = agent })).AssertInvalidAsync();
        Assert.Contains("sshKeySecret", refused.Keys);
        Assert.Equal("- hosts: localhost\n", (await Api.GetJsonAsync("/api/v1/hooks/wave-7-prehook")).GetProperty("playbook").GetString());

        var changed = await Api.PutAsJsonAsync("/api/v1/hooks/wave-7-prehook", new { playbook = agent, sshKeySecret = "vm-ssh" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("vm-ssh", (await Api.GetJsonAsync("/api/v1/hooks/wave-7-prehook")).GetProperty("sshKeySecret").GetString());
    }
}
