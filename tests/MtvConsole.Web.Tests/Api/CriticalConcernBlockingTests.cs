using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Validation;
using MtvConsole.Web.Readiness;
using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Tests.Api;

/// <summary>
/// A Critical concern blocks starting a plan (condition VMCriticalConcerns listing the VM) until an operator
/// acknowledges it with a reason; withdrawing the acknowledgement blocks the plan again.
/// </summary>
public sealed class CriticalConcernBlockingTests : OperatorApiTest
{
    private const string Rdm = "vmware.disk.rdm.detected";
    [Fact]
    public async Task A_critical_concern_blocks_start_until_acknowledged_and_blocks_again_when_withdrawn()
    {
        // A powered-on VM with a valid name whose only Critical concern is its RDM disk.
        var blocked = Factory.Services.GetRequiredService<IConcernStore>().All()
            .Where(v => v.Concerns.Where(c => c.Category == ConcernCategory.Critical).Select(c => c.Id).Distinct().SequenceEqual([Rdm]))
            .OrderBy(v => v.VmName, StringComparer.Ordinal)
            .First(v => v.Workload.PowerState == "poweredOn" && v.Concerns.All(c => c.Id != "vmware.vm.name.invalid"));
        var page = await Api.GetJsonAsync($"/api/v1/providers/lab-vcenter/vms?filter={Uri.EscapeDataString(blocked.VmName)}&take=200");
        var vm = page.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("id").GetString() == blocked.VmId);
        await CreatePlanAsync("rdm-wave", vm);

        var plan = await Api.GetJsonAsync("/api/v1/plans/rdm-wave");
        Assert.False(plan.GetProperty("ready").GetBoolean());
        var condition = Condition(plan, "VMCriticalConcerns");
        Assert.Equal("Critical", condition.GetProperty("category").GetString());
        Assert.Equal([$"{blocked.VmName} (Raw Device Mapped disk detected)"], condition.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        var refused = await (await Api.PostAsync("/api/v1/plans/rdm-wave/start", null)).AssertProblemAsync(409, "is not ready");
        Assert.Contains(refused.GetProperty("blockers").EnumerateArray(), b => b.GetProperty("type").GetString() == "VMCriticalConcerns");

        var request = new AcknowledgementRequest("lab-vcenter", blocked.VmId, Rdm, "the RDM is a scratch LUN, not needed on the target");
        Assert.Equal(HttpStatusCode.NoContent, (await Api.PostAsJsonAsync("/api/v1/validation/acknowledgements", request)).StatusCode);
        await Factory.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();
        var acknowledged = await Api.GetJsonAsync("/api/v1/plans/rdm-wave");
        Assert.True(acknowledged.GetProperty("ready").GetBoolean(), acknowledged.GetProperty("conditions").ToString());
        Assert.DoesNotContain(acknowledged.GetProperty("conditions").EnumerateArray(), c => c.GetProperty("type").GetString() == "VMCriticalConcerns");

        Assert.Equal(HttpStatusCode.NoContent, (await Api.PostAsJsonAsync("/api/v1/validation/acknowledgements/withdraw", request with { Reason = "the LUN holds data after all" })).StatusCode);
        await Factory.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();
        var withdrawn = await Api.GetJsonAsync("/api/v1/plans/rdm-wave");
        Assert.False(withdrawn.GetProperty("ready").GetBoolean());
        Assert.Equal("Critical", Condition(withdrawn, "VMCriticalConcerns").GetProperty("category").GetString());
        await (await Api.PostAsync("/api/v1/plans/rdm-wave/start", null)).AssertProblemAsync(409, "is not ready");

        var audit = await (await Factory.SignedInAsync("admin", ConsoleFactory.AdminPassword)).GetStringAsync("/api/v1/audit");
        Assert.Contains("\"action\":\"acknowledge-concern\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"withdraw-acknowledgement\"", audit, StringComparison.Ordinal);
    }

    private static JsonElement Condition(JsonElement plan, string type) =>
        plan.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type);

    private async Task CreatePlanAsync(string name, JsonElement vm)
    {
        var storageClass = await LabApiSetup.DefaultStorageClassAsync(Api);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/network-maps",
            new { name = $"{name}-net", sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, entries = LabApiSetup.NetworkEntries([vm]) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/storage-maps",
            new { name = $"{name}-disks", sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, entries = LabApiSetup.StorageEntries([vm], storageClass) })).StatusCode);
        var created = await Api.PostAsJsonAsync("/api/v1/plans", new
        {
            name, sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, targetNamespace = "prod-apps", warm = false,
            vms = new[] { vm.GetProperty("id").GetString() }, networkMap = $"{name}-net", storageMap = $"{name}-disks",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        await Factory.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();
    }
}
