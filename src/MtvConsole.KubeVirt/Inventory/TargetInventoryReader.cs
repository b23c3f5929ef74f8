using k8s;
using MtvConsole.Core.Inventory;

namespace MtvConsole.KubeVirt.Inventory;

/// <summary>Reads the whole target inventory with one list per kind.</summary>
internal sealed class TargetInventoryReader(IKubernetes client)
{
    private readonly CustomObjectGateway _objects = new(client);

    public async Task<TargetInventory> ReadAsync(CancellationToken ct)
    {
        var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: ct);
        var (nads, _) = await _objects.ListAllAsync(KubeResource.NetworkAttachmentDefinition, clusterScoped: false, ct);
        var classes = await client.StorageV1.ListStorageClassAsync(cancellationToken: ct);
        var (profiles, _) = await _objects.ListAllAsync(KubeResource.StorageProfile, clusterScoped: true, ct);
        var (vms, _) = await _objects.ListAllAsync(KubeResource.VirtualMachine, clusterScoped: false, ct);
        var profileByName = profiles.ToDictionary(p => p["metadata"]?["name"]?.GetValue<string>() ?? "", StringComparer.Ordinal);
        return new TargetInventory(
            namespaces.Items.Select(n => new TargetNamespace(n.Metadata.Name)).ToList(),
            nads.Select(TargetInventoryMapper.Nad).ToList(),
            classes.Items.Select(sc => TargetInventoryMapper.StorageClass(sc, profileByName.GetValueOrDefault(sc.Metadata.Name))).ToList(),
            vms.Select(TargetInventoryMapper.Vm).ToList());
    }
}
