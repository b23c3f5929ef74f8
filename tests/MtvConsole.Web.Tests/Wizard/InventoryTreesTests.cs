using MtvConsole.Web.Planning;
using MudBlazor;

namespace MtvConsole.Web.Tests.Wizard;

public class InventoryTreesTests
{
    private static readonly Core.Inventory.VsphereInventory Inventory = WizardTestInventory.Source;

    private static IEnumerable<TreeItemData<string>> Flatten(IEnumerable<TreeItemData<string>> nodes) =>
        nodes.SelectMany(n => new[] { n }.Concat(Flatten(n.Children?.OfType<TreeItemData<string>>() ?? [])));

    [Fact]
    public void The_folder_tree_nests_by_path_and_counts_the_vms_below_each_folder()
    {
        var roots = InventoryTrees.Folders(Inventory);
        var all = Flatten(roots).ToList();

        Assert.Equal(Inventory.Folders.Count(f => f.Path.Contains("/vm")), all.Count);
        foreach (var node in all)
        {
            var path = node.Value!["folder:".Length..];
            Assert.All(node.Children!.OfType<TreeItemData<string>>(), c => Assert.StartsWith(path + "/", c.Value!["folder:".Length..]));
            var below = Inventory.Vms.Count(v => v.Path.StartsWith(path + "/", StringComparison.Ordinal));
            Assert.EndsWith($"({below})", node.Text);
        }
        Assert.Equal(Inventory.Vms.Count, roots.Sum(r => int.Parse(r.Text![(r.Text!.LastIndexOf('(') + 1)..^1])));
        // Top folders (each datacenter's "vm") are named by their path, nested ones by their own name.
        Assert.All(roots, r => Assert.StartsWith(r.Value!["folder:/".Length..] + " (", r.Text));
        Assert.All(all.Except(roots), n => Assert.StartsWith(n.Value![(n.Value!.LastIndexOf('/') + 1)..] + " (", n.Text));
    }

    [Fact]
    public void The_cluster_tree_lists_every_host_under_its_cluster_with_its_vm_count()
    {
        var clusters = InventoryTrees.Clusters(Inventory);

        Assert.Equal(Inventory.Clusters.Count, clusters.Count);
        var hosts = clusters.SelectMany(c => c.Children!.OfType<TreeItemData<string>>()).ToList();
        Assert.Equal(Inventory.Hosts.Count, hosts.Count);
        foreach (var host in hosts)
        {
            var id = host.Value!["host:".Length..];
            Assert.StartsWith($"{Inventory.FindHost(id)!.Name} ({Inventory.Vms.Count(v => v.HostId == id)})", host.Text);
        }
    }
}
