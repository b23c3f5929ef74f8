using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Lab;
using MtvConsole.Web.Providers;

namespace MtvConsole.Web.Tests;

public sealed class PlanManifestsApiTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();
    private VsphereVm _vm = null!;
    private VsphereVm _other = null!;
    private Plan _plan = null!;

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateUserAsync("vera", "viewer-password-1", "viewer");
        var world = _factory.Services.GetRequiredService<LabWorld>();
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync();
        var source = await db.Providers.SingleAsync(p => p.Name == LabSeeder.VCenterName);
        var destination = await db.Providers.SingleAsync(p => p.Name == LabSeeder.ClusterName);
        var mappable = world.Inventory.Vsphere.Vms.Where(v => v.Nics.Count > 0 && v.Disks.Count > 0 && v.Disks.All(d => d.DatastoreId != "")).Take(2).ToList();
        (_vm, _other) = (mappable[0], mappable[1]);
        var storage = new StorageMap
        {
            Name = "m-storage", SourceProviderId = source.Id, DestinationProviderId = destination.Id,
            Entries = world.Inventory.Vsphere.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), "ocs-storagecluster-ceph-rbd")).ToList(),
        };
        var network = new NetworkMap
        {
            Name = "m-network", SourceProviderId = source.Id, DestinationProviderId = destination.Id,
            Entries = [.. world.Inventory.Vsphere.Networks.Select(n => new NetworkMapEntry(Ref.ById(n.Id), NetworkDestinationType.Pod))],
        };
        _plan = new Plan
        {
            Name = "manifest-plan", SourceProviderId = source.Id, DestinationProviderId = destination.Id, NetworkMapId = network.Id, StorageMapId = storage.Id,
            TargetNamespace = "prod-apps", Warm = true, Vms = [new PlanVm(Ref.ById(_vm.Id), []), new PlanVm(Ref.ById(_other.Id), [])],
        };
        db.AddRange(storage, network, _plan);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Manifests_render_every_object_of_each_vm_as_yaml_with_secrets_redacted()
    {
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");

        var response = await viewer.GetAsync("/api/v1/plans/manifest-plan/manifests");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.Contains($"name: {MigrationNames.VddkSecret(_plan, _vm.Id)}", yaml, StringComparison.Ordinal);
        Assert.Contains("secretKey: <redacted>", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("password", yaml, StringComparison.OrdinalIgnoreCase);
        foreach (var disk in _vm.Disks)
            Assert.Contains($"name: {MigrationNames.DataVolume(_plan, _vm.Id, disk.Key)}", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: VirtualMachine", yaml, StringComparison.Ordinal);
        Assert.Contains($"macAddress: {_vm.Nics[0].Mac}", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: Pod", yaml, StringComparison.Ordinal);
        Assert.Contains(TargetPreview.PendingSnapshot, yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_shows_the_conversion_pod_the_engine_makes_a_libvirt_url_and_the_vddk_secret_no_configmap()
    {
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");

        var yaml = await viewer.GetStringAsync($"/api/v1/plans/manifest-plan/manifests?vm={Uri.EscapeDataString(_vm.Id)}");

        Assert.Contains("name: V2V_libvirtURL", yaml, StringComparison.Ordinal);
        Assert.Matches(@"value: vpx://[^@\s]+@[^/\s]+/[^?\s]+\?no_verify=1", yaml);
        Assert.Contains("mountPath: /etc/secret", yaml, StringComparison.Ordinal);
        Assert.Contains($"secretName: {MigrationNames.VddkSecret(_plan, _vm.Id)}", yaml, StringComparison.Ordinal);
        Assert.Contains("name: LOCAL_MIGRATION", yaml, StringComparison.Ordinal);
        Assert.Contains("runAsUser: 107", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain($"{MigrationNames.ConversionPod(_plan, _vm.Id)}-input", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifests_of_one_vm_hold_only_its_objects_and_an_unknown_vm_is_404()
    {
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");

        var all = await viewer.GetStringAsync("/api/v1/plans/manifest-plan/manifests");
        var one = await viewer.GetStringAsync($"/api/v1/plans/manifest-plan/manifests?vm={Uri.EscapeDataString(_other.Id)}");

        Assert.Contains($"name: {MigrationNames.VddkSecret(_plan, _vm.Id)}", all, StringComparison.Ordinal);
        Assert.Contains($"name: {MigrationNames.VddkSecret(_plan, _other.Id)}", all, StringComparison.Ordinal);
        Assert.Contains($"name: {MigrationNames.VddkSecret(_plan, _other.Id)}", one, StringComparison.Ordinal);
        Assert.DoesNotContain($"name: {MigrationNames.VddkSecret(_plan, _vm.Id)}", one, StringComparison.Ordinal);
        Assert.StartsWith($"---\n# {_other.Name} ({_other.Id}): Secret", one, StringComparison.Ordinal);
        var unknown = await viewer.GetAsync("/api/v1/plans/manifest-plan/manifests?vm=vm-nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no VM with id 'vm-nope'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_volumes_on_a_wait_for_first_consumer_class_ask_cdi_to_bind_immediately()
    {
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<MtvDbContext>>().CreateDbContextAsync())
        {
            var storage = await db.StorageMaps.SingleAsync(m => m.Name == "m-storage");
            storage.Entries = storage.Entries.Select(e => e with { StorageClass = "gp3-csi" }).ToList(); // the Lab's WaitForFirstConsumer class
            await db.SaveChangesAsync();
        }
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");

        var yaml = await viewer.GetStringAsync($"/api/v1/plans/manifest-plan/manifests?vm={Uri.EscapeDataString(_vm.Id)}");

        var dataVolumes = yaml.Split("---\n").Where(d => d.Contains("kind: DataVolume", StringComparison.Ordinal)).ToList();
        Assert.Equal(_vm.Disks.Count, dataVolumes.Count);
        Assert.All(dataVolumes, d =>
        {
            Assert.Contains("storageClassName: gp3-csi", d, StringComparison.Ordinal);
            // quoted: an unquoted true would be a YAML boolean, which the API server refuses as an annotation value
            Assert.Contains("cdi.kubevirt.io/storage.bind.immediate.requested: \"true\"", d, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Unknown_plan_is_404_and_anonymous_callers_are_refused()
    {
        var viewer = await _factory.SignedInAsync("vera", "viewer-password-1");
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/v1/plans/nope/manifests")).StatusCode);

        var anonymous = _factory.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/plans/manifest-plan/manifests")).StatusCode);
    }
}
