using System.Text.RegularExpressions;

namespace MtvConsole.Core.Validation.Rules;

/// <summary>Rules over what VMware Tools reports from inside the guest.</summary>
internal static partial class GuestRules
{
    private const long MiB = 1L << 20;

    private static readonly string[] SupportedNames =
    [
        "Red Hat Enterprise Linux 7", "Red Hat Enterprise Linux 8", "Red Hat Enterprise Linux 9", "Red Hat Enterprise Linux 10",
        "Windows 10", "Windows 11", "Windows Server 2016", "Windows Server 2019", "Windows Server 2022", "Windows Server 2025",
        "Ubuntu", "SUSE Linux Enterprise", "CentOS", "Fedora", "Debian",
    ];

    public static IEnumerable<IValidationRule> All() =>
    [
        new ItemRule<WorkloadGuestDisk>("vmware.guestDisks.freespace", ConcernCategory.Critical, "Insufficient free space for conversion",
            "virt-v2v needs free space in the guest to convert it (100 MiB on / and C:, 50 MiB on /boot, 10 MiB elsewhere). Free up space on this file system before migrating.",
            w => w.GuestDisks, (_, g) => g.FreeSpace < RequiredFree(g.DiskPath), g => $"Insufficient free space for conversion on '{g.DiskPath}'"),
        new ItemRule<WorkloadGuestDisk>("vmware.guestDisks.key.not_found", ConcernCategory.Information, "Missing disk key mapping",
            "VMware Tools did not map this Windows volume to a virtual disk, so drive letters may not be restored. Update VMware Tools, or check drive letters after migration.",
            w => w.GuestId is { } id && id.Contains("windows", StringComparison.OrdinalIgnoreCase) ? w.GuestDisks : null,
            (_, g) => g.Key is null or 0, g => $"Missing disk key mapping for '{g.DiskPath}'"),
        new Rule("vmware.hostname.empty", ConcernCategory.Warning, "Empty Host Name",
            "The guest reports no host name, so the migrated VM gets none from its source. Set a host name in the guest (or check VMware Tools) before migrating.",
            w => w.HostName == ""),
        new Rule("vmware.hostname.default", ConcernCategory.Warning, "Default Host Name",
            "The guest's host name is localhost.localdomain, which clashes with other VMs in DNS on the target. Give the guest a real host name before migrating.",
            w => w.HostName == "localhost.localdomain"),
        new Rule("vmware.vm_missing_ip.detected", ConcernCategory.Warning, "VM is missing IP addresses",
            "VMware Tools reports no guest IP addresses, so static IPs cannot be preserved. Power the VM on with VMware Tools running, or plan to configure addresses after migration.",
            w => w.GuestNetworks is { Count: 0 }),
        new Rule("vmware.os.unsupported", ConcernCategory.Warning, "Unsupported operating system detected",
            "The guest operating system is not supported by OpenShift Virtualization, and conversion may fail or leave the guest without VirtIO drivers. Upgrade the guest, or test the migration with a copy first.",
            UnsupportedOs),
    ];

    private static long RequiredFree(string? path) => path switch
    {
        "/" or "C:" or "c:" or "C:\\" or "c:\\" or "C:/" or "c:/" => 100 * MiB,
        _ when string.Equals(path, "/boot", StringComparison.OrdinalIgnoreCase) => 50 * MiB,
        _ => 10 * MiB,
    };

    private static bool UnsupportedOs(Workload w)
    {
        var id = w.GuestId ?? "";
        var name = string.IsNullOrEmpty(w.GuestNameFromVmwareTools) ? w.GuestName ?? "" : w.GuestNameFromVmwareTools;
        if (id == "" && name == "") return false;
        if (id != "" && SupportedGuestId().IsMatch(id)) return false;
        foreach (var supported in SupportedNames)
            if (name.Contains(supported, StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    /// <summary>
    /// VMware's ids of RHEL 7-10 and of Windows 10 (windows9), 11, Server 2016 (windows9Server), 2019, 2022 (2019srvNext)
    /// and 2025 (2022srvNext), plus upstream's windows(10|11|2016|2019|2022|2025)…guest forms. Older Windows ids
    /// (winXP…, windows7…, windows8Server…) are not supported.
    /// </summary>
    [GeneratedRegex("^(rhel(7|8|9|10)(_64)?guest|windows9(_64)?guest|windows9server64guest|windows(10|11|2016|2019|2022|2025)[a-z0-9_]*guest)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SupportedGuestId();
}
