using System.Globalization;
using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>Builds an ordinary, clean VM from a plan: CPU, memory, disks, NICs, guest info and Lab traits.</summary>
internal sealed class VmFactory(Random random)
{
    private const long GiB = 1L << 30;
    private const long MiB = 1L << 20;
    private static readonly int[] CpuChoices = [1, 2, 2, 2, 4, 4, 8, 16];
    private static readonly int[] MemoryChoices = [2048, 4096, 4096, 8192, 8192, 16384, 32768];
    private static readonly int[] LinuxOsDiskGiB = [20, 40, 50, 80];
    private static readonly int[] WindowsOsDiskGiB = [60, 80, 100, 127];
    private static readonly int[] DataDiskGiB = [50, 100, 200, 500, 1000, 2000];

    private readonly Dictionary<string, int> _ipCounters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _networkOrdinals = new(StringComparer.Ordinal);
    private int _macCounter = random.Next(0, 0x100000);

    public GeneratedVm Build(VmPlan plan)
    {
        var os = plan.Os;
        var host = plan.Host;
        var cpu = CpuChoices[random.Next(CpuChoices.Length)];
        var coresPerSocket = cpu >= 4 && random.Next(2) == 0 ? cpu / 2 : 1;
        var memory = MemoryChoices[random.Next(MemoryChoices.Length)];
        if (os.IsWindows)
        {
            memory = Math.Max(memory, 4096);
        }

        if (IsDatabase(plan.Role))
        {
            memory = Math.Min(memory * 2, 65536);
        }

        var diskCount = Math.Max(plan.MinDisks, random.Next(100) switch { < 45 => 1, < 75 => 2, < 90 => 3, _ => 4 });
        var primary = host.Datastores[random.Next(host.Datastores.Count)];
        var busRoll = random.Next(100);
        var (bus, controllerKey) = busRoll < 90 ? ("scsi", 1000) : busRoll < 95 ? ("sata", 15000) : ("nvme", 31000);
        var folderName = plan.Name;
        var disks = new List<VmDisk>(diskCount);
        var allocated = new Dictionary<int, long>(diskCount);
        for (var d = 0; d < diskCount; d++)
        {
            var datastore = d > 0 && random.Next(100) < 30 ? host.Datastores[random.Next(host.Datastores.Count)] : primary;
            var sizeGiB = d == 0
                ? (os.IsWindows ? WindowsOsDiskGiB : LinuxOsDiskGiB)[random.Next(4)]
                : DataDiskGiB[random.Next(DataDiskGiB.Length)];
            var capacity = sizeGiB * GiB;
            var key = 2000 + d;
            var unit = bus == "scsi" && d >= 7 ? d + 1 : d;
            var file = d == 0 ? $"[{datastore.Name}] {folderName}/{folderName}.vmdk" : $"[{datastore.Name}] {folderName}/{folderName}_{d}.vmdk";
            disks.Add(new VmDisk(key, file, datastore.Id, capacity, false, false, bus, "persistent", true, controllerKey, unit));
            allocated[key] = (long)(capacity * (0.4 + random.NextDouble() * 0.5)) / MiB * MiB;
        }

        var nicCount = random.Next(100) switch { < 70 => 1, < 92 => 2, _ => 3 };
        var nics = new List<VmNic>(nicCount);
        var guestNetworks = new List<GuestNetwork>(nicCount);
        for (var n = 0; n < nicCount; n++)
        {
            var network = n == 0 ? host.VmNetworks[random.Next(Math.Min(3, host.VmNetworks.Count))] : host.VmNetworks[random.Next(host.VmNetworks.Count)];
            var mac = NextMac();
            nics.Add(new VmNic(network.Id, mac, n + 1));
            var device = os.IsWindows ? $"Ethernet{n}" : $"ens{192 + 32 * n}";
            guestNetworks.Add(new GuestNetwork(device, mac, NextIp(network), 24));
        }

        var guestDisks = new List<GuestDisk>(diskCount + 1);
        for (var d = 0; d < diskCount; d++)
        {
            var capacity = disks[d].CapacityBytes;
            if (os.IsWindows)
            {
                var letter = (char)('C' + d);
                guestDisks.Add(new GuestDisk($"{letter}:\\", capacity, FreeOf(capacity), disks[d].Key));
            }
            else if (d == 0)
            {
                guestDisks.Add(new GuestDisk("/boot", GiB, (long)(GiB * (0.6 + random.NextDouble() * 0.2)), disks[d].Key));
                guestDisks.Add(new GuestDisk("/", capacity - GiB, FreeOf(capacity - GiB), disks[d].Key));
            }
            else
            {
                guestDisks.Add(new GuestDisk($"/data{d}", capacity, FreeOf(capacity), disks[d].Key));
            }
        }

        var poweredOn = random.Next(100) < 88;
        var vm = new VsphereVm
        {
            Id = plan.Id,
            Name = plan.Name,
            Path = $"{plan.Folder.Path}/{plan.Name}",
            Uuid = Uuid("42"),
            InstanceUuid = Uuid("50"),
            FolderId = plan.Folder.Id,
            HostId = host.Host.Id,
            PowerState = poweredOn ? PowerState.PoweredOn : PowerState.PoweredOff,
            ToolsStatus = poweredOn ? "toolsOk" : "toolsNotRunning",
            CpuCount = cpu,
            CoresPerSocket = coresPerSocket,
            MemoryMB = memory,
            GuestId = os.GuestId,
            GuestName = os.FullName,
            GuestNameFromVmwareTools = os.FullName,
            HostName = os.IsWindows ? plan.Name.ToUpperInvariant() : $"{plan.Name}.lab.local",
            IpAddress = guestNetworks[0].IpAddress,
            StorageUsedBytes = allocated.Values.Sum(),
            Disks = disks,
            Nics = nics,
            GuestNetworks = guestNetworks,
            GuestDisks = guestDisks,
        };
        var u = random.NextDouble();
        var dirtyRate = Math.Round(0.1 + 19.9 * u * u * (IsDatabase(plan.Role) ? 1.0 : 0.5), 1);
        return new GeneratedVm(vm, dirtyRate, allocated);
    }

    private long FreeOf(long capacity) => (long)(capacity * (0.3 + random.NextDouble() * 0.4));

    private string NextMac()
    {
        var value = _macCounter++ % 0x400000;
        return string.Create(CultureInfo.InvariantCulture, $"00:50:56:{value >> 16:x2}:{(value >> 8) & 0xFF:x2}:{value & 0xFF:x2}");
    }

    private string NextIp(Network network)
    {
        if (!_networkOrdinals.TryGetValue(network.Id, out var ordinal))
        {
            ordinal = _networkOrdinals.Count;
            _networkOrdinals[network.Id] = ordinal;
        }

        var counter = _ipCounters.GetValueOrDefault(network.Id);
        _ipCounters[network.Id] = counter + 1;
        return $"10.{100 + ordinal}.{counter / 250 % 256}.{counter % 250 + 2}";
    }

    private string Uuid(string prefix)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        var hex = prefix + Convert.ToHexString(bytes).ToLowerInvariant()[2..];
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    internal static bool IsDatabase(string role) =>
        role.StartsWith("db", StringComparison.Ordinal) || role.StartsWith("sql", StringComparison.Ordinal) || role == "cache";
}
