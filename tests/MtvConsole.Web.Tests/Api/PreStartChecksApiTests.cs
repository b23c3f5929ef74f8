using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Inventory;
using MtvConsole.Lab;
using MtvConsole.Lab.Generation;
using MtvConsole.Web.Readiness;

namespace MtvConsole.Web.Tests.Api;

/// <summary>
/// Checks made before a plan starts instead of failing at CreateVM after the copy: two NICs of a VM on the pod network
/// and a MAC already used on the target block the plan, and the REST start answers 409 naming them. The target objects
/// preview shows the boot disk's <c>bootOrder</c> and the disk serials.
/// </summary>
public sealed class PreStartChecksApiTests : OperatorApiTest
{
    private LabInventory Lab => Factory.Services.GetRequiredService<LabWorld>().Inventory;

    [Fact]
    public async Task Two_nics_of_a_vm_on_the_pod_network_block_the_start_with_409_naming_the_vm_and_nics()
    {
        // Two NICs on the same vSphere network, which the map sends to the pod network (a map can send only one network there).
        var vm = Lab.Vsphere.Vms.First(v => v.Nics.Count == 2 && v.Nics[0].NetworkId == v.Nics[1].NetworkId && v.Disks.All(d => d.DatastoreId != ""));
        await CreatePlanAsync("two-pod", vm, [new { source = vm.Nics[0].NetworkId, destination = "pod" }]);

        var plan = await Api.GetJsonAsync("/api/v1/plans/two-pod");
        Assert.False(plan.GetProperty("ready").GetBoolean());
        var condition = Condition(plan, "VMMultiplePodNetworkMappings");
        Assert.Equal("Critical", condition.GetProperty("category").GetString());
        Assert.Contains(vm.Id, condition.GetProperty("items")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains($"NIC 1 ({vm.Nics[0].Mac}", condition.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains($"NIC 2 ({vm.Nics[1].Mac}", condition.GetProperty("message").GetString(), StringComparison.Ordinal);

        var refused = await (await Api.PostAsync("/api/v1/plans/two-pod/start", null)).AssertProblemAsync(409, "is not ready");
        Assert.Contains(refused.GetProperty("blockers").EnumerateArray(), b => b.GetProperty("type").GetString() == "VMMultiplePodNetworkMappings");
        Assert.Contains("VMMultiplePodNetworkMappings", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await Api.GetJsonAsync("/api/v1/plans/two-pod/runs")).GetArrayLength());
    }

    [Fact]
    public async Task A_mac_used_by_a_vm_on_the_target_blocks_the_start_with_409_naming_the_mac_and_the_target_vm()
    {
        var taken = Lab.Target.Vms.Single(t => t.Name == "legacy-crm-restored");
        var vm = Lab.Vsphere.Vms.Single(v => v.Nics.Any(n => taken.Macs.Contains(n.Mac)));
        await CreatePlanAsync("mac-clash", vm, [.. vm.Nics.Select(n => n.NetworkId).Distinct().Select((id, i) => new { source = id, destination = i == 0 ? "pod" : "ignored" })]);

        var plan = await Api.GetJsonAsync("/api/v1/plans/mac-clash");
        var condition = Condition(plan, "MacConflicts");
        Assert.Equal("Critical", condition.GetProperty("category").GetString());
        Assert.Contains($"MAC {taken.Macs[0]} is used by target VM {taken.Namespace}/{taken.Name}", condition.GetProperty("message").GetString(), StringComparison.Ordinal);

        var refused = await (await Api.PostAsync("/api/v1/plans/mac-clash/start", null)).AssertProblemAsync(409, "is not ready");
        Assert.Contains(refused.GetProperty("blockers").EnumerateArray(), b => b.GetProperty("type").GetString() == "MacConflicts");
    }

    [Fact]
    public async Task The_manifest_preview_shows_boot_order_on_the_boot_disk_and_the_disk_serials()
    {
        var vm = Lab.Vsphere.Vms.Single(v => v.BootDiskKey is not null);
        await CreatePlanAsync("nvme-boot", vm, [.. vm.Nics.Select(n => n.NetworkId).Distinct().Select((id, i) => new { source = id, destination = i == 0 ? "pod" : "ignored" })]);

        var yaml = await Api.GetStringAsync($"/api/v1/plans/nvme-boot/manifests?vm={Uri.EscapeDataString(vm.Id)}");

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(yaml, @"bootOrder: 1\b"));
        foreach (var disk in vm.Disks)
            Assert.Contains($"serial: {disk.Uuid[..20]}", yaml, StringComparison.Ordinal);
    }

    private static JsonElement Condition(JsonElement plan, string type) =>
        plan.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type);

    private async Task CreatePlanAsync(string name, VsphereVm vm, object[] networkEntries)
    {
        var storageClass = await LabApiSetup.DefaultStorageClassAsync(Api);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/network-maps",
            new { name = $"{name}-net", sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, entries = networkEntries })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/storage-maps",
            new { name = $"{name}-disks", sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, entries = vm.DatastoreIds.Select(id => new { source = id, storageClass }).ToArray() })).StatusCode);
        var created = await Api.PostAsJsonAsync("/api/v1/plans", new
        {
            name, sourceProvider = LabApiSetup.Source, destinationProvider = LabApiSetup.Destination, targetNamespace = "vm-imports", warm = false,
            vms = new[] { vm.Id }, networkMap = $"{name}-net", storageMap = $"{name}-disks",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        await Factory.Services.GetRequiredService<ReadinessService>().RevalidateAllAsync();
    }
}
