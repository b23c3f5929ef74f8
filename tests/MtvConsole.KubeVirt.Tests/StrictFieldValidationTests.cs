using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MtvConsole.FakeKube;
using MtvConsole.FakeKube.OpenApi;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// The fake API server checks KubeVirt and CDI objects against the upstream OpenAPI documents as a server with
/// <c>fieldValidation=Strict</c> does (kubernetes v1.31 apiserver handlers create.go/patch.go/rest.go; kubevirt/kubevirt
/// api/openapi-spec/swagger.json @ d923fdb815; kubevirt/containerized-data-importer api/openapi-spec/swagger.json @ c07cdb6fb).
/// </summary>
public sealed class StrictFieldValidationTests : IAsyncLifetime
{
    private FakeCluster _cluster = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeClusterFixture.StartSeededAsync();
        _cluster.AddNamespace("vm-imports");
        _client = _cluster.Client();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static JsonObject DataVolume(string name) => new()
    {
        ["apiVersion"] = "cdi.kubevirt.io/v1beta1",
        ["kind"] = "DataVolume",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["plan"] = "p-1" } },
        ["spec"] = new JsonObject
        {
            ["source"] = new JsonObject { ["blank"] = new JsonObject() },
            ["storage"] = new JsonObject { ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "1Gi" } } },
        },
    };

    private static JsonObject VirtualMachine(string name) => new()
    {
        ["apiVersion"] = "kubevirt.io/v1",
        ["kind"] = "VirtualMachine",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["runStrategy"] = "Halted",
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["domain"] = new JsonObject
                    {
                        ["cpu"] = new JsonObject { ["cores"] = 2 },
                        ["memory"] = new JsonObject { ["guest"] = "2Gi" },
                        ["devices"] = new JsonObject { ["disks"] = new JsonArray(new JsonObject { ["name"] = "vol-0", ["disk"] = new JsonObject { ["bus"] = "virtio" } }) },
                    },
                    ["volumes"] = new JsonArray(new JsonObject { ["name"] = "vol-0", ["dataVolume"] = new JsonObject { ["name"] = "dv-0" } }),
                },
            },
        },
    };

    private Task<JsonObject> CreateAsync(JsonObject body, string plural) =>
        _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(body, body["apiVersion"]!.GetValue<string>().Split('/')[0], body["apiVersion"]!.GetValue<string>().Split('/')[1], "vm-imports", plural);

    private static async Task<(HttpStatusCode Code, JsonObject Status)> RefusedAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        return (e.Response.StatusCode, JsonNode.Parse(e.Response.Content)!.AsObject());
    }

    [Fact]
    public async Task An_unknown_field_is_refused_with_the_strict_decoding_error_naming_its_path()
    {
        var dv = DataVolume("typo");
        dv["spec"]!["source"] = new JsonObject { ["vddk"] = new JsonObject { ["url"] = "https://vc/sdk", ["uuid"] = "u", ["backingFile"] = "[ds] a.vmdk", ["secretRef"] = "s", ["thumbPrint"] = "AB:CD" } };

        var (code, status) = await RefusedAsync(() => CreateAsync(dv, "datavolumes"));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());
        Assert.Equal("DataVolume in version \"v1beta1\" cannot be handled as a DataVolume: strict decoding error: unknown field \"spec.source.vddk.thumbPrint\"",
            status["message"]!.GetValue<string>());
        Assert.Null(_cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", "typo"));
    }

    [Fact]
    public async Task Unknown_fields_inside_arrays_and_metadata_are_refused_with_indexed_paths()
    {
        var vm = VirtualMachine("web-01");
        vm["metadata"]!["label"] = "oops";
        vm["spec"]!["template"]!["spec"]!["domain"]!["devices"]!["disks"]![0]!["bootorder"] = 1;

        var (code, status) = await RefusedAsync(() => CreateAsync(vm, "virtualmachines"));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.EndsWith("strict decoding error: unknown field \"metadata.label\", unknown field \"spec.template.spec.domain.devices.disks[0].bootorder\"",
            status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_type_or_enum_value_is_refused_as_invalid_with_one_cause_per_field()
    {
        var vm = VirtualMachine("web-01");
        vm["spec"]!["template"]!["spec"]!["domain"]!["cpu"]!["cores"] = "2";
        vm["spec"]!["template"]!["spec"]!["domain"]!["memory"]!["guest"] = "2 GiB";
        var dv = DataVolume("modes");
        dv["spec"]!["storage"]!["accessModes"] = new JsonArray("ReadWriteMany", "RWO");

        var (vmCode, vmStatus) = await RefusedAsync(() => CreateAsync(vm, "virtualmachines"));
        var (dvCode, dvStatus) = await RefusedAsync(() => CreateAsync(dv, "datavolumes"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, vmCode);
        Assert.Equal("Invalid", vmStatus["reason"]!.GetValue<string>());
        Assert.StartsWith("VirtualMachine.kubevirt.io \"web-01\" is invalid: [spec.template.spec.domain.cpu.cores: Invalid value: \"string\": spec.template.spec.domain.cpu.cores in body must be of type integer: \"string\"",
            vmStatus["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var causes = vmStatus["details"]!["causes"]!.AsArray().Select(c => (c!["reason"]!.GetValue<string>(), c["field"]!.GetValue<string>())).ToList();
        Assert.Equal([("FieldValueInvalid", "spec.template.spec.domain.cpu.cores"), ("FieldValueInvalid", "spec.template.spec.domain.memory.guest")], causes);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, dvCode);
        Assert.Equal("DataVolume.cdi.kubevirt.io \"modes\" is invalid: spec.storage.accessModes[1]: Unsupported value: \"RWO\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"",
            dvStatus["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_required_field_is_refused_with_its_path()
    {
        var dv = DataVolume("checkpoints");
        dv["spec"]!["checkpoints"] = new JsonArray(new JsonObject { ["current"] = "snapshot-1" });

        var (code, status) = await RefusedAsync(() => CreateAsync(dv, "datavolumes"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("DataVolume.cdi.kubevirt.io \"checkpoints\" is invalid: spec.checkpoints[0].previous: Required value", status["message"]!.GetValue<string>());
        Assert.Equal("FieldValueRequired", status["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_merge_patch_that_adds_an_unknown_field_is_refused_on_the_patch_field()
    {
        await CreateAsync(VirtualMachine("web-01"), "virtualmachines");

        var (code, status) = await RefusedAsync(() => _client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"runStrategy":"Always","runing":false}}""", V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", "vm-imports", "virtualmachines", "web-01"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.StartsWith(" \"\" is invalid: patch: Invalid value: ", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(": strict decoding error: unknown field \"spec.runing\"", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("patch", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
        Assert.Equal("Halted", _cluster.Store.Get(ResourceTypes.VirtualMachine, "vm-imports", "web-01")!["spec"]!["runStrategy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Quantities_are_strings_or_integers_and_status_is_ignored_on_create()
    {
        var dv = DataVolume("sized");
        dv["spec"]!["storage"]!["resources"]!["requests"]!["storage"] = 21474836480L;
        dv["status"] = new JsonObject { ["phase"] = "Succeeded", ["whatever"] = true };
        var vm = VirtualMachine("web-01");
        vm["spec"]!["template"]!["spec"]!["domain"]!["memory"]!["guest"] = "2048Mi";

        await CreateAsync(dv, "datavolumes");
        await CreateAsync(vm, "virtualmachines");

        Assert.Null(_cluster.Store.Get(ResourceTypes.DataVolume, "vm-imports", "sized")!["status"]?["whatever"]);
        Assert.NotNull(_cluster.Store.Get(ResourceTypes.VirtualMachine, "vm-imports", "web-01"));
    }

    [Fact]
    public void The_check_runs_without_the_server_and_leaves_other_groups_alone()
    {
        var vm = VirtualMachine("web-01");
        vm["spec"]!["template"]!["spec"]!["domain"]!["firmware"] = new JsonObject { ["bootloader"] = new JsonObject { ["efi"] = new JsonObject { ["secureboot"] = true } } };

        var check = StrictFieldValidation.Check(vm);

        Assert.NotNull(check);
        Assert.Equal(["spec.template.spec.domain.firmware.bootloader.efi.secureboot"], check.UnknownFields);
        Assert.True(StrictFieldValidation.Check(DataVolume("ok"))!.Passed);
        Assert.Null(StrictFieldValidation.Check(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod" }));
    }
}
