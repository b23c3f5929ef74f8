namespace MtvConsole.Core.Inventory;

/// <summary>Filters of the VM table; every one is optional and they combine with AND.</summary>
public sealed record VmFilter
{
    public string? Name { get; init; }
    public string? GuestOs { get; init; }
    public PowerState? Power { get; init; }
    public string? HostId { get; init; }
    public string? ClusterId { get; init; }

    /// <summary>A folder path prefix such as <c>/DC-East/vm/Production</c>.</summary>
    public string? Folder { get; init; }

    /// <summary>Only these VM ids (the "selected only" toggle).</summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Extra predicate (e.g. concern category or label), applied last.</summary>
    public Func<VsphereVm, bool>? Where { get; init; }
}

public enum VmSortField
{
    Name,
    GuestOs,
    Power,
    Host,
    Path,
}

public sealed record VmPage(IReadOnlyList<VsphereVm> Items, int TotalMatching);

/// <summary>The server side of the VM table: filter, sort, count and one page, over an inventory snapshot.</summary>
public static class VmQuery
{
    public static IEnumerable<VsphereVm> Matching(VsphereInventory inventory, VmFilter filter)
    {
        IEnumerable<VsphereVm> vms = inventory.Vms;
        if (filter.Only is { } only) vms = vms.Where(v => only.Contains(v.Id));
        if (!string.IsNullOrWhiteSpace(filter.Name)) vms = vms.Where(v => v.Name.Contains(filter.Name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(filter.GuestOs)) vms = vms.Where(v => GuestOs(v).Contains(filter.GuestOs.Trim(), StringComparison.OrdinalIgnoreCase));
        if (filter.Power is { } power) vms = vms.Where(v => v.PowerState == power);
        if (!string.IsNullOrEmpty(filter.HostId)) vms = vms.Where(v => v.HostId == filter.HostId);
        if (!string.IsNullOrEmpty(filter.ClusterId))
        {
            var hosts = inventory.Hosts.Where(h => h.ClusterId == filter.ClusterId).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
            vms = vms.Where(v => hosts.Contains(v.HostId));
        }
        if (!string.IsNullOrEmpty(filter.Folder))
        {
            var prefix = filter.Folder.TrimEnd('/') + "/";
            vms = vms.Where(v => v.Path.StartsWith(prefix, StringComparison.Ordinal));
        }
        if (filter.Where is { } where) vms = vms.Where(where);
        return vms;
    }

    public static VmPage Page(VsphereInventory inventory, VmFilter filter, VmSortField sort, bool descending, int skip, int take)
    {
        var matching = Matching(inventory, filter).ToList();
        Func<VsphereVm, string> key = sort switch
        {
            VmSortField.GuestOs => GuestOs,
            VmSortField.Power => v => v.PowerState.ToString(),
            VmSortField.Host => v => inventory.FindHost(v.HostId)?.Name ?? v.HostId,
            VmSortField.Path => v => v.Path,
            _ => v => v.Name,
        };
        var ordered = descending
            ? matching.OrderByDescending(key, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Id, StringComparer.Ordinal)
            : matching.OrderBy(key, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Id, StringComparer.Ordinal);
        return new VmPage([.. ordered.Skip(skip).Take(take)], matching.Count);
    }

    public static string GuestOs(VsphereVm vm) =>
        !string.IsNullOrEmpty(vm.GuestNameFromVmwareTools) ? vm.GuestNameFromVmwareTools : vm.GuestName;
}
