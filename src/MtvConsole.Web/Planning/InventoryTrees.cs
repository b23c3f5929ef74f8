using MtvConsole.Core.Inventory;
using MudBlazor;

namespace MtvConsole.Web.Planning;

/// <summary>
/// The VM step's two tree views: VM folders by path, and clusters with their hosts. A node's value is
/// the filter it applies (<c>folder:&lt;path&gt;</c>, <c>cluster:&lt;id&gt;</c>, <c>host:&lt;id&gt;</c>); its text
/// carries the number of VMs below it.
/// </summary>
public static class InventoryTrees
{
    public static List<TreeItemData<string>> Folders(VsphereInventory inventory)
    {
        var folders = inventory.Folders.Where(f => f.Path.Contains("/vm")).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var children = folders.ToDictionary(f => f.Path, _ => new List<TreeItemData<string>>());
        static string ParentPath(string path) => path[..path.LastIndexOf('/')];
        // A top folder is every datacenter's "vm": its path (datacenter/vm) tells them apart.
        string Title(string path, string name) => children.ContainsKey(ParentPath(path)) ? name : path.TrimStart('/');
        var nodes = folders.ToDictionary(f => f.Path, f => new TreeItemData<string>
        {
            Value = $"folder:{f.Path}",
            Text = $"{Title(f.Path, f.Name)} ({inventory.Vms.Count(v => v.Path.StartsWith(f.Path + "/", StringComparison.Ordinal))})",
            Icon = Icons.Material.Filled.Folder,
            Children = children[f.Path],
        });
        var roots = new List<TreeItemData<string>>();
        foreach (var folder in folders)
        {
            if (children.TryGetValue(ParentPath(folder.Path), out var siblings)) siblings.Add(nodes[folder.Path]);
            else roots.Add(nodes[folder.Path]);
        }
        foreach (var (path, node) in nodes) node.Expandable = children[path].Count > 0;
        return roots;
    }

    public static List<TreeItemData<string>> Clusters(VsphereInventory inventory) =>
    [
        .. inventory.Clusters.OrderBy(c => c.Path, StringComparer.Ordinal).Select(c =>
        {
            var hosts = inventory.Hosts.Where(h => h.ClusterId == c.Id).OrderBy(h => h.Name).ToList();
            var hostIds = hosts.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
            return new TreeItemData<string>
            {
                Value = $"cluster:{c.Id}",
                Text = $"{c.Path} ({inventory.Vms.Count(v => hostIds.Contains(v.HostId))})",
                Icon = Icons.Material.Filled.Hub,
                Expandable = hosts.Count > 0,
                Children = [.. hosts.Select(h => new TreeItemData<string>
                {
                    Value = $"host:{h.Id}",
                    Text = $"{h.Name} ({inventory.Vms.Count(v => v.HostId == h.Id)}){(h.InMaintenance ? " · maintenance" : "")}",
                    Icon = Icons.Material.Filled.Dns,
                })],
            };
        }),
    ];
}
