namespace MtvConsole.Lab.Generation;

/// <summary>Plans VMs in index order: concern slots first in each block of 100, the rest ordinary VMs on plain clusters.</summary>
internal sealed class VmPlanner(Random random, VsphereTopology topology)
{
    private static readonly (string Role, string Folder)[] LinuxRoles =
    [
        ("web", "Production/Web"), ("lb", "Production/Web"), ("api", "Production/Web"), ("app-billing", "Production"),
        ("app-crm", "Production"), ("app-hr", "Production"), ("mq", "Production"), ("db-prod", "Production/Databases"),
        ("cache", "Production/Databases"), ("db-dev", "Development"), ("ci", "Development"), ("git", "Development"),
        ("monitor", "Production"), ("ldap", "Production"),
    ];

    private static readonly (string Role, string Folder)[] WindowsRoles =
    [
        ("win-ad", "Production"), ("win-iis", "Production/Web"), ("sql-prod", "Production/Databases"),
        ("win-file", "Production"), ("rds", "Development"),
    ];

    private readonly Dictionary<string, int> _roleCounters = new(StringComparer.Ordinal);
    private readonly HostPlacement[] _plainHosts =
        [.. topology.UsableHosts(ClusterKind.Development), .. topology.UsableHosts(ClusterKind.Edge)];
    private readonly HostPlacement[] _productionHosts = topology.UsableHosts(ClusterKind.Production).ToArray();
    private readonly HostPlacement[] _drHosts = topology.UsableHosts(ClusterKind.DisasterRecovery).ToArray();
    private readonly HostPlacement[] _developmentHosts = topology.UsableHosts(ClusterKind.Development).ToArray();
    private readonly HostPlacement[] _edgeHosts = topology.UsableHosts(ClusterKind.Edge).ToArray();
    private int _ordinaryCount;
    private VmPlan? _previous;

    public VmPlan Plan(int index, string id)
    {
        var block = index / ConcernSlots.BlockSize;
        var offset = index % ConcernSlots.BlockSize;
        var slot = ConcernSlots.ForIndex(index);
        var plan = slot is { } s ? PlanConcern(index, id, block, s) : PlanOrdinary(index, id, offset);
        _previous = plan;
        return plan;
    }

    private VmPlan PlanConcern(int index, string id, int block, ConcernSlot slot)
    {
        var host = slot switch
        {
            ConcernSlot.FaultToleranceInHaCluster => Pick(_productionHosts),
            ConcernSlot.PciPassthroughUsbAndHostAffinity => Pick(_drHosts),
            ConcernSlot.OnHostInMaintenance => topology.MaintenanceHost,
            ConcernSlot.Template => Pick(_developmentHosts),
            _ => Pick(_plainHosts),
        };
        var os = slot switch
        {
            ConcernSlot.EfiSecureBootAndTpm => GuestOsCatalog.Windows2022,
            ConcernSlot.NameWithUnderscoreAndWindowsDiskKeyZero => GuestOsCatalog.Windows2019,
            ConcernSlot.UnsupportedOs => block % 2 == 0 ? GuestOsCatalog.Rhel6 : GuestOsCatalog.Photon,
            ConcernSlot.Template => GuestOsCatalog.Rhel9,
            _ => PickOs(),
        };
        var (role, eastFolder) = slot switch
        {
            ConcernSlot.CbtDisabled => ("db-legacy", "Production/Databases"),
            ConcernSlot.DiskCbtDisabledAndIndependentDisk => ("app-archive", "Production"),
            ConcernSlot.SnapshotAndConsolidationNeeded => ("app-erp", "Production"),
            ConcernSlot.RdmAndSharedDisk => ("db-rac", "Production/Databases"),
            ConcernSlot.PciPassthroughUsbAndHostAffinity => ("gpu-render", "Production"),
            ConcernSlot.SriovCpuAndNumaAffinity => ("nfv-router", "Production"),
            ConcernSlot.EfiSecureBootAndTpm => ("win-secure", "Production"),
            ConcernSlot.EfiWithoutSecureBootAndNoGuestNetworks => ("app-efi", "Development"),
            ConcernSlot.NameWithUnderscoreAndWindowsDiskKeyZero => ("sql-legacy", "Production/Databases"),
            ConcernSlot.NameWithSpaceAndEmptyHostname => ("web-legacy", "Production/Web"),
            ConcernSlot.NameTooLongAndDefaultHostname => ("app-reporting", "Production"),
            ConcernSlot.HotPlugAndBallooning => ("app-elastic", "Production"),
            ConcernSlot.FaultToleranceInHaCluster => ("app-payments-ft", "Production"),
            ConcernSlot.DatastoreMissingAndZeroCapacity => ("app-orphan", "Development"),
            ConcernSlot.LowFreeSpaceAndDiskUuid => ("app-logs", "Production"),
            ConcernSlot.UnsupportedOs => (os == GuestOsCatalog.Rhel6 ? "legacy-rhel6" : "photon-appliance", "Production"),
            ConcernSlot.Template => ("tpl-rhel9", "Templates"),
            ConcernSlot.Disconnected => ("app-disconnected", "Development"),
            ConcernSlot.OnHostInMaintenance => ("app-maint", "Development"),
            _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, "Unknown concern slot."),
        };
        var name = slot switch
        {
            ConcernSlot.NameWithUnderscoreAndWindowsDiskKeyZero => $"SQL_Prod_{block + 1:00}",
            ConcernSlot.NameWithSpaceAndEmptyHostname => $"Web Server {block + 2}",
            ConcernSlot.NameTooLongAndDefaultHostname =>
                $"app-reporting-analytics-data-warehouse-etl-pipeline-worker-node-{block + 1:0000}",
            _ => NextName(role),
        };
        var minDisks = slot switch
        {
            ConcernSlot.DiskCbtDisabledAndIndependentDisk => 2,
            ConcernSlot.RdmAndSharedDisk or ConcernSlot.DatastoreMissingAndZeroCapacity => 3,
            _ => 1,
        };
        return new VmPlan(index, id, name, role, host, FolderFor(host, role, eastFolder), os, slot, minDisks);
    }

    private VmPlan PlanOrdinary(int index, string id, int offset)
    {
        var os = PickOs();
        var (role, eastFolder) = os.IsWindows ? WindowsRoles[random.Next(WindowsRoles.Length)] : LinuxRoles[random.Next(LinuxRoles.Length)];
        HostPlacement host;
        string? folderOverride = null;
        string? name = null;
        switch (offset)
        {
            case ConcernSlots.CrossDatacenterDuplicateFirst:
                host = Pick(_edgeHosts);
                break;
            case ConcernSlots.CrossDatacenterDuplicateFirst + 1 when _previous is not null:
                host = Pick(_developmentHosts);
                (name, role, os) = (_previous.Name, _previous.Role, _previous.Os);
                break;
            case ConcernSlots.CrossFolderDuplicateFirst:
                host = Pick(_developmentHosts);
                folderOverride = "Production/Web";
                break;
            case ConcernSlots.CrossFolderDuplicateFirst + 1 when _previous is not null:
                host = Pick(_developmentHosts);
                folderOverride = "Development";
                (name, role, os) = (_previous.Name, _previous.Role, _previous.Os);
                break;
            default:
                host = _ordinaryCount % 16 == 0 ? Pick(_productionHosts) : Pick(_plainHosts);
                break;
        }

        _ordinaryCount++;
        name ??= NextName(role);
        var folder = folderOverride is null
            ? FolderFor(host, role, eastFolder)
            : topology.FoldersByPath[$"/DC-East/vm/{folderOverride}"];
        return new VmPlan(index, id, name, role, host, folder, os, null, 1);
    }

    private FolderNode FolderFor(HostPlacement host, string role, string eastFolder)
    {
        if (host.DatacenterIndex == 0)
        {
            return topology.FoldersByPath[$"/DC-East/vm/{eastFolder}"];
        }

        var isDatabase = role.StartsWith("db", StringComparison.Ordinal) || role.StartsWith("sql", StringComparison.Ordinal)
            || role == "cache";
        var relative = host.ClusterKind == ClusterKind.Edge ? "Edge" : isDatabase ? "DR/Databases" : "DR";
        return topology.FoldersByPath[$"/DC-West/vm/{relative}"];
    }

    private string NextName(string role)
    {
        var next = _roleCounters.GetValueOrDefault(role) + 1;
        _roleCounters[role] = next;
        return $"{role}-{next:00}";
    }

    private GuestOs PickOs()
    {
        var roll = random.Next(100);
        foreach (var (os, weight) in GuestOsCatalog.CommonMix)
        {
            if (roll < weight)
            {
                return os;
            }

            roll -= weight;
        }

        return GuestOsCatalog.Rhel9;
    }

    private HostPlacement Pick(HostPlacement[] hosts) => hosts[random.Next(hosts.Length)];
}
