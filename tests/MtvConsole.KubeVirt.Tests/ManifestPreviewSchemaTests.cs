using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.References;
using MtvConsole.Core.Resources;
using MtvConsole.FakeKube.OpenApi;
using MtvConsole.KubeVirt.Manifests;
using MtvConsole.Lab;

namespace MtvConsole.KubeVirt.Tests;

/// <summary>
/// The manifest preview (plan page "Target objects", <c>GET /api/v1/plans/{name}/manifests</c>) shows YAML a user may
/// apply with kubectl: read back as kubectl reads it, every KubeVirt and CDI document passes the same strict schema
/// check the fake API server enforces (kubevirt/kubevirt api/openapi-spec/swagger.json @ d923fdb815;
/// kubevirt/containerized-data-importer api/openapi-spec/swagger.json @ c07cdb6fb).
/// </summary>
public sealed class ManifestPreviewSchemaTests
{
    private static readonly KubeVirtOptions Options = new() { VirtV2vImage = "registry.example.com/virt-v2v:2.8" };

    private readonly LabWorld _world = new(new LabOptions { VmCount = 40 }, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero)));
    private readonly Provider _source = new() { Name = "vcenter", Type = ProviderType.Vsphere, Backing = ProviderBacking.Remote, Url = "https://vcenter.example.com/sdk", PinnedSha1 = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD", VddkInitImage = "registry.example.com/vddk:8.0.3" };
    private readonly Provider _destination = new() { Name = "ocp", Type = ProviderType.OpenShift, Backing = ProviderBacking.Remote, Url = "https://api.ocp.example.com:6443" };

    private VsphereInventory Inventory => _world.Inventory.Vsphere;

    private (PlanContext Context, IReadOnlyList<VsphereVm> Vms) PlanOf(bool warm, Func<VsphereVm, bool> pick, int count, IReadOnlyDictionary<Guid, Hook> hooks)
    {
        var vms = Inventory.Vms.Where(v => !v.IsTemplate && v.Disks.Count > 0 && v.Nics.Count > 0 && pick(v)).Take(count).ToList();
        Assert.Equal(count, vms.Count);
        var networks = vms.SelectMany(v => v.NetworkIds).Distinct().ToList();
        var networkMap = new NetworkMap
        {
            Name = "net",
            SourceProviderId = _source.Id,
            DestinationProviderId = _destination.Id,
            // The first network on the pod network, the others on a bridge NAD: both interface kinds are rendered.
            Entries = [.. networks.Select((n, i) => i == 0
                ? new NetworkMapEntry(Ref.ById(n), NetworkDestinationType.Pod)
                : new NetworkMapEntry(Ref.ById(n), NetworkDestinationType.Multus, "vm-imports", "prod-vlan-110"))],
        };
        var storageMap = new StorageMap
        {
            Name = "storage",
            SourceProviderId = _source.Id,
            DestinationProviderId = _destination.Id,
            Entries = [.. Inventory.Datastores.Select(d => new StorageMapEntry(Ref.ById(d.Id), "ocs-storagecluster-ceph-rbd"))],
        };
        var plan = new Plan
        {
            Name = warm ? "warm-wave" : "cold-wave",
            SourceProviderId = _source.Id,
            DestinationProviderId = _destination.Id,
            NetworkMapId = networkMap.Id,
            StorageMapId = storageMap.Id,
            TargetNamespace = "vm-imports",
            Warm = warm,
            TransferNetwork = warm ? "default/migration-net" : null,
            Vms = [.. vms.Select(v => new PlanVm(Ref.ById(v.Id), [.. hooks.Keys.Select((id, i) => new PlanHook(i == 0 ? HookStep.PreHook : HookStep.PostHook, id))]))],
        };
        return (new PlanContext(plan, _source, _destination, storageMap, networkMap, hooks, []), vms);
    }

    /// <summary>Renders the plan's preview, reads its documents back and schema-checks each KubeVirt/CDI one; returns the kinds checked.</summary>
    private static List<string> CheckPreview(PlanContext context, VsphereInventory inventory)
    {
        var preview = TargetPreview.Build(context, inventory, new EngineSettings());
        var documents = KubectlYaml.Documents(ManifestPreview.Render(preview, Options));
        var checkedKinds = new List<string>();
        var problems = new List<string>();
        foreach (var doc in documents.Where(d => StrictFieldValidation.Covers(d["apiVersion"]?.GetValue<string>())))
        {
            var kind = doc["kind"]!.GetValue<string>();
            var check = StrictFieldValidation.Check(doc);
            Assert.True(check is not null, $"no upstream schema for {doc["apiVersion"]} {kind}");
            checkedKinds.Add(kind);
            problems.AddRange(check.Describe().Select(p => $"{kind} {doc["metadata"]?["name"]}: {p}"));
        }

        Assert.True(problems.Count == 0, "The preview shows manifests the API server refuses:\n" + string.Join("\n", problems));
        return checkedKinds;
    }

    [Fact]
    public void The_preview_of_a_warm_plan_passes_the_kubevirt_and_cdi_schemas()
    {
        var (context, vms) = PlanOf(warm: true, v => v.ChangeTrackingEnabled, count: 3, new Dictionary<Guid, Hook>());

        var kinds = CheckPreview(context, Inventory);

        Assert.Equal(vms.Count, kinds.Count(k => k == "VirtualMachine"));
        Assert.Equal(vms.Sum(v => v.Disks.Count), kinds.Count(k => k == "DataVolume"));
    }

    [Fact]
    public void The_preview_of_a_cold_plan_with_hooks_and_efi_vms_passes_the_kubevirt_and_cdi_schemas()
    {
        var pre = new Hook { Name = "quiesce-app", Image = "quay.io/kubev2v/hook-runner:latest", Playbook = "LS0tCi0gaG9zdHM6IGxvY2FsaG9zdAo=" };
        var post = new Hook { Name = "notify", Image = "quay.io/kubev2v/hook-runner:latest" };
        var (context, vms) = PlanOf(warm: false, v => v.Firmware == "efi" || v.Nics.Count > 1, count: 2, new Dictionary<Guid, Hook> { [pre.Id] = pre, [post.Id] = post });

        var kinds = CheckPreview(context, Inventory);

        Assert.Equal(vms.Count, kinds.Count(k => k == "VirtualMachine"));
        Assert.Equal(vms.Sum(v => v.Disks.Count), kinds.Count(k => k == "DataVolume"));
    }

    [Fact]
    public void The_preview_check_refuses_a_document_the_schema_does_not_know()
    {
        // The check the two tests above rely on does fail: a field name typo in a rendered VirtualMachine is caught.
        var (context, _) = PlanOf(warm: false, _ => true, count: 1, new Dictionary<Guid, Hook>());
        var vm = VirtualMachineManifest.Build(TargetPreview.Build(context, Inventory, new EngineSettings())[0].VirtualMachine);
        vm["spec"]!["template"]!["spec"]!["domain"]!["cpu"]!["socket"] = 1;

        var doc = KubectlYaml.Documents(ManifestPreview.JsonToYaml(vm)).Single();

        Assert.Equal(["spec.template.spec.domain.cpu.socket"], StrictFieldValidation.Check(doc)!.UnknownFields);
    }
}
