using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Validation;
using MtvConsole.Web.Readiness;

namespace MtvConsole.Web.Tests.Api;

/// <summary>Putting a VM into a warm plan revalidates it at once (no provider refresh needed): the warm-plan rules apply.</summary>
public sealed class WarmPlanRevalidationTests : OperatorApiTest
{
    [Fact]
    public async Task Saving_a_warm_plan_raises_the_warm_concerns_of_its_vms_and_blocks_it()
    {
        var validation = Factory.Services.GetRequiredService<ValidationService>();
        var target = Factory.Services.GetRequiredService<IConcernStore>().All()
            .Where(v => v.Workload.ChangeTrackingEnabled == false && v.Workload.PowerState == "poweredOn")
            .OrderBy(v => v.VmName, StringComparer.Ordinal).First();
        Assert.DoesNotContain(target.Concerns, c => c.Id == "console.warm.cbt.disabled");
        var warmFlags = new TaskCompletionSource<ValidationFlags>(TaskCreationOptions.RunContinuationsAsynchronously);
        validation.FlagsChanged += flags =>
        {
            if (flags.VmId == target.VmId && flags.Concerns.Any(c => c.Id == "console.warm.cbt.disabled")) warmFlags.TrySetResult(flags);
        };

        var page = await Api.GetJsonAsync($"/api/v1/providers/lab-vcenter/vms?filter={Uri.EscapeDataString(target.VmName)}&take=200");
        var vm = page.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("id").GetString() == target.VmId);
        var storageClass = await LabApiSetup.DefaultStorageClassAsync(Api);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/network-maps",
            new { name = "warm-net", sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, entries = LabApiSetup.NetworkEntries([vm]) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/storage-maps",
            new { name = "warm-disks", sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, entries = LabApiSetup.StorageEntries([vm], storageClass) })).StatusCode);
        var created = await Api.PostAsJsonAsync("/api/v1/plans", new
        {
            name = "warm-one", sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, targetNamespace = "prod-apps", warm = true,
            vms = new[] { target.VmId }, networkMap = "warm-net", storageMap = "warm-disks",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var flags = await warmFlags.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ConcernCategory.Critical, flags.Concerns.Single(c => c.Id == "console.warm.cbt.disabled").Category);
        await Factory.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();
        var plan = await Api.GetJsonAsync("/api/v1/plans/warm-one");
        var blockers = plan.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "VMCriticalConcerns");
        Assert.Contains($"{target.VmName} (Warm plan without Changed Block Tracking)", blockers.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
    }
}
