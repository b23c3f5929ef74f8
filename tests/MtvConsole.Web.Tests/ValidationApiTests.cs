using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Validation;
using MtvConsole.Web.Validation;

namespace MtvConsole.Web.Tests;

public sealed class ValidationApiTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateUserAsync("vera", "viewer-password-1", "viewer");
        await _factory.CreateUserAsync("otto", "operator-password-1", "operator");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Validating_a_workload_returns_the_rules_version_and_its_concerns()
    {
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");

        var response = await viewer.PostAsync("/api/v1/validate", Json("""
            {"name":"db01","id":"vm-12","firmware":"efi","secureBoot":false,"disks":[{"rdm":true,"capacity":1073741824}],
             "host":{"id":"host-1","cluster":{"id":"domain-c1","dpmEnabled":true,"datacenter":{"id":"datacenter-1"}}}}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonSerializer.Deserialize<ValidateResponse>(text, JsonSerializerOptions.Web);
        Assert.Equal(RuleSet.BuiltIn.Version, body!.RulesVersion);
        Assert.Empty(body.Errors);
        Assert.Equal(["vmware.disk.rdm.detected", "vmware.dpm.enabled", "vmware.uefi.detected"], body.Concerns.Select(c => c.Id).Order());
        var rdm = body.Concerns.Single(c => c.Id == "vmware.disk.rdm.detected");
        Assert.Equal(("Critical", "Raw Device Mapped disk detected"), (rdm.Category, rdm.Label));
        var json = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal(["rulesVersion", "concerns", "errors"], json.EnumerateObject().Select(p => p.Name));
        Assert.All(json.GetProperty("concerns").EnumerateArray(),
            c => Assert.Equal(["id", "category", "label", "assessment"], c.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(JsonValueKind.Array, json.GetProperty("errors").ValueKind);
    }

    [Theory]
    [InlineData("not json", "The body is not JSON")]
    [InlineData("[1,2]", "The body must be a JSON object")]
    [InlineData("{\"id\":\"vm-1\"}", "No VM name found in input body")]
    [InlineData("{\"name\":\"db01\",\"disks\":\"none\"}", "The workload does not have Forklift's inventory shape at $.disks")]
    public async Task A_body_that_is_not_a_workload_gets_400_with_the_reason(string body, string reason)
    {
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");

        var response = await viewer.PostAsync("/api/v1/validate", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith(reason, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var response = await _factory.Browser().PostAsync("/api/v1/validate", Json("{\"name\":\"test\"}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_operator_acknowledges_a_critical_concern_of_a_lab_vm_a_viewer_cannot_and_it_is_audited()
    {
        await _factory.Services.GetRequiredService<ProviderValidationSync>().SyncAllAsync();
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");
        var vms = await viewer.GetFromJsonAsync<List<VmConcernsDto>>("/api/v1/validation/providers/lab-vcenter/vms");
        Assert.Equal(60, vms!.Count);
        var vm = vms.First(v => v.Concerns.Any(c => c.Category == "Critical"));
        var concern = vm.Concerns.First(c => c.Category == "Critical");
        var request = new AcknowledgementRequest("lab-vcenter", vm.VmId, concern.Id, "accepted for the pilot");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/validation/acknowledgements", request)).StatusCode);
        var operatorClient = await _factory.SignedInAsync("otto", "operator-password-1");
        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.PostAsJsonAsync("/api/v1/validation/acknowledgements", request)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorClient.PostAsJsonAsync("/api/v1/validation/acknowledgements", request)).StatusCode);

        var after = await viewer.GetFromJsonAsync<List<VmConcernsDto>>("/api/v1/validation/providers/lab-vcenter/vms");
        Assert.Equal([concern.Id], after!.Single(v => v.VmId == vm.VmId).AcknowledgedConcernIds);
        Assert.True(File.Exists(Path.Combine(_factory.DataFolder, "validation-acknowledgements.json")));
        var admin = await _factory.SignedInAsync("admin", ConsoleFactory.AdminPassword);
        Assert.Contains($"\"user\":\"otto\",\"action\":\"acknowledge-concern\",\"target\":\"vm/{vm.VmName}\"", await admin.GetStringAsync("/api/v1/audit"));

        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.PostAsJsonAsync("/api/v1/validation/acknowledgements/withdraw", request)).StatusCode);
        var withdrawn = await viewer.GetFromJsonAsync<List<VmConcernsDto>>("/api/v1/validation/providers/lab-vcenter/vms");
        Assert.Empty(withdrawn!.Single(v => v.VmId == vm.VmId).AcknowledgedConcernIds);
    }
}
