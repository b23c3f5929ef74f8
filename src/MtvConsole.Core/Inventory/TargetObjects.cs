namespace MtvConsole.Core.Inventory;

public enum VolumeMode
{
    Filesystem,
    Block,
}

public enum AccessMode
{
    ReadWriteOnce,
    ReadWriteMany,
    ReadOnlyMany,
}

public sealed record TargetNamespace(string Name);

/// <summary>
/// A Multus NetworkAttachmentDefinition (<c>namespace/name</c>) with its CNI config JSON and its
/// <c>forklift.konveyor.io/route</c> annotation (null when absent).
/// </summary>
public sealed record NetworkAttachmentDefinition(string Namespace, string Name, string Config, string? RouteAnnotation = null)
{
    public string QualifiedName => $"{Namespace}/{Name}";

    /// <summary>The default route the importer gets when this NAD is the plan's transfer network.</summary>
    public TransferNetworkRoute TransferRoute => TransferNetworkRoute.Guess(RouteAnnotation, Config);
}

/// <summary>A storage class with the volume and access mode a map defaults to, and the binding mode.</summary>
public sealed record StorageClass(
    string Name,
    string Provisioner,
    bool IsDefault,
    VolumeMode DefaultVolumeMode,
    AccessMode DefaultAccessMode,
    string VolumeBindingMode,
    int ThroughputMBps);

/// <summary>An existing KubeVirt VirtualMachine on the target, for name and MAC conflict checks.</summary>
public sealed record TargetVm(string Namespace, string Name, IReadOnlyList<string> Macs, bool Running);

/// <summary>A point-in-time copy of an OpenShift provider's inventory.</summary>
public sealed record TargetInventory(
    IReadOnlyList<TargetNamespace> Namespaces,
    IReadOnlyList<NetworkAttachmentDefinition> NetworkAttachmentDefinitions,
    IReadOnlyList<StorageClass> StorageClasses,
    IReadOnlyList<TargetVm> Vms)
{
    public InventoryCounts Counts => new(Vms.Count, 0, NetworkAttachmentDefinitions.Count, StorageClasses.Count);
}
