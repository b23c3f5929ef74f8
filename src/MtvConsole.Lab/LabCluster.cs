using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Lab;

/// <summary>The Lab's simulated OpenShift Virtualization cluster as an <see cref="ITargetCluster"/>.</summary>
public sealed class LabCluster(LabWorld world) : ITargetCluster
{
    private readonly LabWorld _world = world ?? throw new ArgumentNullException(nameof(world));

    public Task<TargetInventory> GetInventoryAsync(CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.GetInventory()), cancellationToken);

    public Task EnsureNamespaceAsync(string name, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.EnsureNamespace(name)), cancellationToken);

    /// <summary>Creates the DataVolume; an unknown storage class, missing transfer network or unreachable source makes it Failed.</summary>
    public Task CreateDataVolumeAsync(DataVolumeSpec spec, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.CreateDataVolume(spec)), cancellationToken);

    public Task<DataVolumeStatus?> GetDataVolumeAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.GetDataVolume(@namespace, name)), cancellationToken);

    public Task AddCheckpointAsync(string @namespace, string name, DataVolumeCheckpoint checkpoint, bool final, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.AddCheckpoint(@namespace, name, checkpoint, final)), cancellationToken);

    public Task DeleteDataVolumeAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.DeleteDataVolume(@namespace, name)), cancellationToken);

    public Task CreateVirtualMachineAsync(TargetVmSpec spec, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.CreateVirtualMachine(spec)), cancellationToken);

    public Task<TargetVm?> GetVirtualMachineAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.GetVirtualMachine(@namespace, name)), cancellationToken);

    public Task StartVirtualMachineAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.StartVirtualMachine(@namespace, name)), cancellationToken);

    /// <summary>Deletes the VM and the DataVolumes it owns.</summary>
    public Task DeleteVirtualMachineAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.DeleteVirtualMachine(@namespace, name)), cancellationToken);

    public Task CreateConversionPodAsync(ConversionPodSpec spec, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.CreateConversionPod(spec)), cancellationToken);

    public Task<PodStatus?> GetPodAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.GetPod(@namespace, name)), cancellationToken);

    public Task DeletePodAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        SyncTask.Run(() => _world.Target(t => t.DeletePod(@namespace, name)), cancellationToken);
}
