using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Data;

namespace MtvConsole.Web.Tests.Api;

/// <summary>Inventory paging, host migration networks, maps and engine settings over the API, with their refusals.</summary>
public sealed class ApiResourceTests : OperatorApiTest
{
    private MtvDbContext Db() => Factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContext();

    [Fact]
    public async Task Vms_are_filtered_sorted_and_paged_on_the_server()
    {
        var all = await Api.GetJsonAsync("/api/v1/providers/lab-vcenter/vms?take=1000");
        var total = all.GetProperty("total").GetInt32();
        Assert.True(total > 10);

        var first = await Api.GetJsonAsync("/api/v1/providers/lab-vcenter/vms?take=5&sort=name");
        var second = await Api.GetJsonAsync("/api/v1/providers/lab-vcenter/vms?skip=5&take=5&sort=name");
        Assert.Equal(total, first.GetProperty("total").GetInt32());
        var names = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(v => v.GetProperty("name").GetString()!).ToList();
        Assert.Equal(10, names.Distinct().Count());
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);

        var off = await Api.GetJsonAsync("/api/v1/providers/lab-vcenter/vms?power=poweredOff&take=1000");
        Assert.All(off.GetProperty("items").EnumerateArray(), v => Assert.Equal("PoweredOff", v.GetProperty("powerState").GetString()));
        var hr = await Api.GetJsonAsync("/api/v1/providers/lab-vcenter/vms?filter=APP-HR&take=1000");
        Assert.InRange(hr.GetProperty("total").GetInt32(), 1, total - 1);
        Assert.All(hr.GetProperty("items").EnumerateArray(), v => Assert.Contains("app-hr", v.GetProperty("name").GetString(), StringComparison.OrdinalIgnoreCase));
        var host = all.GetProperty("items")[0].GetProperty("host").GetString();
        var onHost = await Api.GetJsonAsync($"/api/v1/providers/lab-vcenter/vms?host={host}&take=1000");
        Assert.All(onHost.GetProperty("items").EnumerateArray(), v => Assert.Equal(host, v.GetProperty("host").GetString()));
    }

    [Fact]
    public async Task Hosts_networks_datastores_and_target_lists_are_paged_and_bad_paging_or_the_wrong_provider_type_is_refused()
    {
        foreach (var list in new[] { "lab-vcenter/hosts", "lab-vcenter/networks", "lab-vcenter/datastores", "host/namespaces", "host/network-attachment-definitions", "host/storage-classes" })
        {
            var page = await Api.GetJsonAsync($"/api/v1/providers/{list}?take=2");
            Assert.True(page.GetProperty("total").GetInt32() >= page.GetProperty("items").GetArrayLength(), list);
            Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 2);
        }

        var bad = await (await Api.GetAsync("/api/v1/providers/lab-vcenter/vms?skip=-1&take=0&power=sideways&sort=size")).AssertInvalidAsync();
        Assert.Equal(["power", "skip", "sort", "take"], bad.Keys.Order());
        await (await Api.GetAsync("/api/v1/providers/host/vms")).AssertProblemAsync(404, "'host' is an OpenShift provider");
        await (await Api.GetAsync("/api/v1/providers/lab-vcenter/storage-classes")).AssertProblemAsync(404, "'lab-vcenter' is a vSphere provider");
        await (await Api.GetAsync("/api/v1/providers/nope/hosts")).AssertProblemAsync(404, "No provider named 'nope'");
    }

    [Fact]
    public async Task Host_migration_networks_are_set_read_without_the_password_and_removed()
    {
        var hosts = await Api.GetJsonAsync("/api/v1/providers/lab-vcenter/host-networks");
        var host = hosts[0];
        var hostId = host.GetProperty("hostId").GetString()!;
        var ip = host.GetProperty("adapters")[0].GetProperty("ipAddress").GetString();

        var invalid = await (await Api.PutAsJsonAsync("/api/v1/providers/lab-vcenter/host-networks", new { hosts = new[] { new { hostId, ipAddress = "203.0.113.99" } }, user = "root" })).AssertInvalidAsync();
        Assert.Contains("is not an address of host", invalid["Hosts"][0], StringComparison.Ordinal);
        Assert.Contains("Password", invalid.Keys);
        await using (var db = Db()) Assert.False(await db.Hosts.AnyAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await Api.PutAsJsonAsync("/api/v1/providers/lab-vcenter/host-networks",
            new { hosts = new[] { new { hostId, ipAddress = ip } }, user = "root", password = "Esxi-Passw0rd" })).StatusCode);
        var body = await Api.GetStringAsync("/api/v1/providers/lab-vcenter/host-networks");
        Assert.DoesNotContain("Esxi-Passw0rd", body, StringComparison.Ordinal);
        var saved = JsonSerializer.Deserialize<JsonElement>(body).EnumerateArray().Single(h => h.GetProperty("hostId").GetString() == hostId);
        Assert.Equal((ip, "root", "set"), (saved.GetProperty("migrationNetwork").GetString(), saved.GetProperty("user").GetString(), saved.GetProperty("password").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"/api/v1/providers/lab-vcenter/host-networks/{hostId}")).StatusCode);
        await (await Api.DeleteAsync($"/api/v1/providers/lab-vcenter/host-networks/{hostId}")).AssertProblemAsync(404, "has no migration network");
        await (await Api.GetAsync("/api/v1/providers/host/host-networks")).AssertProblemAsync(409, "is an OpenShift provider");
    }

    [Fact]
    public async Task Maps_are_created_read_updated_and_deleted_and_bad_ones_are_refused_by_field()
    {
        var vms = await LabApiSetup.CleanVmsAsync(Api, 1);
        var entries = LabApiSetup.NetworkEntries(vms);
        var request = new { name = "east-net", sourceProvider = "lab-vcenter", destinationProvider = "host", entries };

        var created = await Api.PostAsJsonAsync("/api/v1/network-maps", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var map = await created.ReadAsync();
        Assert.Equal(("lab-vcenter", "host", "pod"), (map.GetProperty("sourceProvider").GetString(), map.GetProperty("destinationProvider").GetString(), map.GetProperty("entries")[0].GetProperty("destination").GetString()));
        await (await Api.PostAsJsonAsync("/api/v1/network-maps", request)).AssertProblemAsync(409, "already exists");

        var badEntries = await (await Api.PostAsJsonAsync("/api/v1/network-maps", new
        {
            name = "west-net", sourceProvider = "lab-vcenter", destinationProvider = "nope",
            entries = new object[] { new { source = "", destination = "pod" }, new { source = "n-2", destination = "bridge" }, new { source = "n-3", destination = "multus", nad = "no-slash" } },
        })).AssertInvalidAsync();
        Assert.Equal("No provider named 'nope'.", badEntries["destinationProvider"][0]);
        Assert.Contains("entries[0].source", badEntries.Keys);
        Assert.Contains("entries[1].destination", badEntries.Keys);
        Assert.Contains("entries[2].nad", badEntries.Keys);

        var storageClass = await LabApiSetup.DefaultStorageClassAsync(Api);
        var storage = await Api.PostAsJsonAsync("/api/v1/storage-maps", new
        {
            name = "east-disks", sourceProvider = "lab-vcenter", destinationProvider = "host",
            entries = LabApiSetup.StorageEntries(vms, storageClass).Select(e => new { source = ((dynamic)e).source, storageClass, volumeMode = "Block", accessMode = "ReadWriteMany" }),
        });
        Assert.Equal(HttpStatusCode.Created, storage.StatusCode);
        Assert.Equal("Block", (await storage.ReadAsync()).GetProperty("entries")[0].GetProperty("volumeMode").GetString());
        var badMode = await (await Api.PutAsJsonAsync("/api/v1/storage-maps/east-disks", new
        {
            sourceProvider = "lab-vcenter", destinationProvider = "host", entries = new[] { new { source = "ds-1", storageClass = "", volumeMode = "Sideways" } },
        })).AssertInvalidAsync();
        Assert.Equal(["entries[0].storageClass", "entries[0].volumeMode"], badMode.Keys.Order());
        Assert.Equal("Block", (await Api.GetJsonAsync("/api/v1/storage-maps/east-disks")).GetProperty("entries")[0].GetProperty("volumeMode").GetString());

        var renamed = await Api.PutAsJsonAsync("/api/v1/network-maps/east-net", request with { name = "east-network" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(2, (await renamed.ReadAsync()).GetProperty("generation").GetInt64());
        await (await Api.GetAsync("/api/v1/network-maps/east-net")).AssertProblemAsync(404, "No network map named 'east-net'");

        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsJsonAsync("/api/v1/plans", new
        {
            name = "uses-maps", sourceProvider = "lab-vcenter", destinationProvider = "host", targetNamespace = "prod-apps",
            vms = vms.Select(v => v.GetProperty("id").GetString()), networkMap = "east-network", storageMap = "east-disks",
        })).StatusCode);
        await (await Api.DeleteAsync("/api/v1/network-maps/east-network")).AssertProblemAsync(409, "is used by plan uses-maps");
        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync("/api/v1/plans/uses-maps")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync("/api/v1/network-maps/east-network")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync("/api/v1/storage-maps/east-disks")).StatusCode);
        await (await Api.DeleteAsync("/api/v1/storage-maps/east-disks")).AssertProblemAsync(404, "No storage map named 'east-disks'");
        Assert.Equal("[]", await Api.GetStringAsync("/api/v1/network-maps"));
    }

    [Fact]
    public async Task Engine_settings_change_only_the_fields_given_and_out_of_range_values_change_nothing()
    {
        var admin = ApiSession.Bearer(Factory, await ApiSession.TokenForAsync(Factory, "admin"));
        var before = await admin.GetJsonAsync("/api/v1/engine/settings");

        var changed = await (await admin.PutAsJsonAsync("/api/v1/engine/settings", new { maxInFlightPerHost = 8 })).ReadAsync();
        Assert.Equal(8, changed.GetProperty("maxInFlightPerHost").GetInt32());
        Assert.Equal(before.GetProperty("precopyIntervalMinutes").GetInt32(), changed.GetProperty("precopyIntervalMinutes").GetInt32());

        Assert.Contains("settings", (await (await admin.PutAsJsonAsync("/api/v1/engine/settings", new { maxInFlightPerHost = 0 })).AssertInvalidAsync()).Keys);
        Assert.Equal(8, (await admin.GetJsonAsync("/api/v1/engine/settings")).GetProperty("maxInFlightPerHost").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.GetAsync("/api/v1/engine/settings")).StatusCode);
    }

    [Fact]
    public async Task Providers_are_created_with_credentials_read_as_set_and_bad_input_names_the_field()
    {
        var created = await Api.PostAsJsonAsync("/api/v1/providers", new { name = "ocp-dr", type = "openshift", url = "https://api.dr.example.com:6443", token = "sha256~secret-token", insecureSkipVerify = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Api.GetStringAsync("/api/v1/providers/ocp-dr");
        Assert.DoesNotContain("secret-token", body, StringComparison.Ordinal);
        Assert.Equal("set", JsonSerializer.Deserialize<JsonElement>(body).GetProperty("secret").GetString());

        Assert.Contains("Type", (await (await Api.PostAsJsonAsync("/api/v1/providers", new { name = "x", type = "hyperv" })).AssertInvalidAsync()).Keys);
        Assert.Contains("Token", (await (await Api.PostAsJsonAsync("/api/v1/providers", new { name = "ocp-2", type = "openshift", url = "https://api.two.example.com:6443" })).AssertInvalidAsync()).Keys);
        await (await Api.GetAsync("/api/v1/providers/nope")).AssertProblemAsync(404, "No provider named 'nope'");
        await (await Api.PostAsync("/api/v1/providers/nope/test", null)).AssertProblemAsync(404, "No provider named 'nope'");
        await using var db = Db();
        Assert.Equal(3, await db.Providers.CountAsync());
    }
}
