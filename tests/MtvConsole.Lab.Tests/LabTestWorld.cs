using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Tests;

/// <summary>A Lab world on a fake clock, with helpers to pick VMs by what a test needs.</summary>
internal sealed class LabTestWorld
{
    public LabTestWorld(int vmCount = 60, int seed = 2021, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        Options = new LabOptions { Seed = seed, VmCount = vmCount };
        World = new LabWorld(Options, Time);
        VCenter = new LabVCenter(World);
        Cluster = new LabCluster(World);
    }

    public FakeTimeProvider Time { get; }
    public LabOptions Options { get; }
    public LabWorld World { get; }
    public LabVCenter VCenter { get; }
    public LabCluster Cluster { get; }
    public VsphereInventory Vsphere => World.Inventory.Vsphere;

    public void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>A connected, running VM with VMware Tools, CBT on every disk and nothing that blocks snapshots.</summary>
    public VsphereVm HealthyRunningVm(Func<VsphereVm, bool>? extra = null) =>
        Vsphere.Vms.First(v =>
            v.PowerState == PowerState.PoweredOn && v.ToolsStatus == "toolsOk" && v.ConnectionState == "connected" && !v.IsTemplate
            && v.ChangeTrackingEnabled && v.Disks.All(d => d.ChangeTrackingEnabled && d.CapacityBytes > 0 && d.DatastoreId != "")
            && !v.FaultToleranceEnabled && v.Devices.Count == 0 && v.Snapshot is null
            && (extra?.Invoke(v) ?? true));

    public EsxiHost HostOf(VsphereVm vm) => Vsphere.FindHost(vm.HostId)!;

    public string MigrationUrlOf(VsphereVm vm) => $"https://{HostOf(vm).NetworkAdapters.Single(a => a.Name == "vmk1").IpAddress}/sdk";
}
