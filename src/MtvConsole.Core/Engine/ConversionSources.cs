using System.Net;
using System.Net.Sockets;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Core.Engine;

/// <summary>
/// The libvirt source of a VM's guest conversion, from the same endpoint choice as its DataVolumes
/// (<see cref="TargetSpecs.SourceEndpoint"/>): through vCenter, the <c>vpx://</c> path of the VM's ESXi host;
/// through a host's migration network, <c>esx://</c> to that address.
/// </summary>
public static class ConversionSources
{
    /// <summary>The datacenter's host folder, which libvirt's vpx path leaves out (it starts every compute-resource path).</summary>
    private const string HostFolder = "host";

    // kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/builder.go:447-529 (getSourceDetails).
    public static ConversionSource For(PlanContext context, VsphereInventory inventory, VsphereVm vm)
    {
        var (_, thumbprint) = TargetSpecs.SourceEndpoint(context, inventory, vm);
        var host = inventory.FindHost(vm.HostId)
            ?? throw new InvalidOperationException($"The ESXi host '{vm.HostId}' of VM '{vm.Name}' is not in the source inventory; refresh the inventory and retry.");
        if (TargetSpecs.MigrationHost(context, inventory, vm) is { } migrationHost)
        {
            // builder.go:461-480: a Host CR → esx://<user>@<ip>, the host's thumbprint.
            return new ConversionSource(ConversionSource.Esx, Bracketed(migrationHost.IpAddress), "", thumbprint, migrationHost.UserName);
        }

        // builder.go:497-526: vpx://<user>@<vCenter>/<path of the host>; a stand-alone host (its parent a plain
        // ComputeResource, not a cluster) is addressed by the compute resource's path instead.
        return new ConversionSource(ConversionSource.Vpx, new Uri(context.Source.Url).Authority, VpxPath(inventory, host), thumbprint, context.Source.UserName);
    }

    /// <summary>
    /// <c>/[folders/]datacenter/[folders/]cluster/host</c> (or <c>…/compute-resource</c> for a stand-alone host):
    /// the inventory path without the datacenter's <c>host</c> folder, each name percent-encoded as Go's url.URL does.
    /// libvirt's ESX driver looks the compute resource up under the datacenter's hostFolder itself.
    /// </summary>
    public static string VpxPath(VsphereInventory inventory, EsxiHost host)
    {
        var datacenter = inventory.Datacenters
            .Where(d => host.Path.StartsWith(d.Path + "/", StringComparison.Ordinal))
            .MaxBy(d => d.Path.Length)
            ?? throw new InvalidOperationException($"ESXi host '{host.Name}' ({host.Path}) is in no datacenter of the inventory.");
        var below = host.Path[(datacenter.Path.Length + 1)..].Split('/').ToList();
        if (below.Count > 0 && below[0] == HostFolder) below.RemoveAt(0);
        if (host.ClusterId.Length == 0 && below.Count > 1) below.RemoveAt(below.Count - 1);
        var segments = datacenter.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(below);
        return "/" + string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    private static string Bracketed(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && !address.StartsWith('[') ? $"[{address}]" : address;
}
