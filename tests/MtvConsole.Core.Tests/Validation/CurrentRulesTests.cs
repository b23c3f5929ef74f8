using System.Text.Json;
using MtvConsole.Core.Validation;

namespace MtvConsole.Core.Tests.Validation;

/// <summary>The current upstream rules and their test additions (reference §8.4).</summary>
public sealed class CurrentRulesTests
{
    private const long MiB = 1L << 20;

    private static IReadOnlyList<Concern> Of(string ruleId, string fields) =>
        [.. Check.Concerns($"{{'name':'test',{fields}}}").Where(c => c.Id == ruleId)];

    [Theory]
    [InlineData("[{'changeTrackingEnabled':true}]", 0)]
    [InlineData("[{'changeTrackingEnabled':false}]", 1)]
    [InlineData("[{'changeTrackingEnabled':true},{'changeTrackingEnabled':true}]", 0)]
    [InlineData("[{'changeTrackingEnabled':false},{'changeTrackingEnabled':false}]", 2)]
    [InlineData("[{'changeTrackingEnabled':false},{'changeTrackingEnabled':true},{'changeTrackingEnabled':false}]", 2)]
    public void Per_disk_cbt_raises_one_concern_per_disabled_disk(string disks, int expected)
    {
        Assert.Equal(expected, Of("vmware.changed_block_tracking.disk.disabled", $"'disks':{disks}").Count);
    }

    [Fact]
    public void Per_disk_cbt_label_names_bus_controller_and_unit()
    {
        var concern = Assert.Single(Of("vmware.changed_block_tracking.disk.disabled",
            "'disks':[{'bus':'scsi','controllerKey':1001,'unitNumber':3,'changeTrackingEnabled':false}]"));
        Assert.Equal("Disk - scsi1:3 does not have CBT enabled", concern.Label);
    }

    [Theory]
    [InlineData(165, 0)]
    [InlineData(166, 1)]
    public void Disk_count_limit(int disks, int expected)
    {
        var json = JsonSerializer.Serialize(new { name = "test", disks = Enumerable.Range(0, disks).Select(i => new { key = i }) });
        var concerns = RuleSet.BuiltIn.Evaluate(WorkloadJson.Parse(json).Workload!).Concerns;

        Assert.Equal(expected, concerns.Count(c => c.Id == "vmware.disk.count.exceeds.limit"));
        if (expected == 1) Assert.Equal("VM has 166 disks, which exceeds the limit of 165", concerns.Single().Label);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1024, 1)]
    [InlineData(16L << 30, 0)]
    public void Disk_capacity(long capacity, int expected)
    {
        var concerns = Of("vmware.disk.capacity.invalid", $"'disks':[{{'file':'[ds1] vm/vm.vmdk','capacity':{capacity}}}]");

        Assert.Equal(expected, concerns.Count);
        if (expected == 1) Assert.Equal($"Disk '[ds1] vm/vm.vmdk' has an invalid capacity of {capacity} bytes", concerns[0].Label);
    }

    [Theory]
    [InlineData("/", 100 * MiB, 0)]
    [InlineData("/", 100 * MiB - 1, 1)]
    [InlineData("/boot", 50 * MiB, 0)]
    [InlineData("/boot", 49 * MiB, 1)]
    [InlineData("c:\\\\", 99 * MiB, 1)]
    [InlineData("D:\\\\", 99 * MiB, 0)]
    [InlineData("/data", 9 * MiB, 1)]
    public void Guest_free_space(string path, long free, int expected)
    {
        Assert.Equal(expected, Of("vmware.guestDisks.freespace", $"'guestDisks':[{{'diskPath':'{path}','freeSpace':{free}}}]").Count);
    }

    [Fact]
    public void Guest_free_space_raises_one_concern_per_failing_file_system()
    {
        var concerns = Of("vmware.guestDisks.freespace", "'guestDisks':[{'diskPath':'/','freeSpace':1},{'diskPath':'/boot','freeSpace':1},{'diskPath':'/home','freeSpace':104857600}]");

        Assert.Equal(["Insufficient free space for conversion on '/'", "Insufficient free space for conversion on '/boot'"], concerns.Select(c => c.Label));
        Assert.All(concerns, c => Assert.Equal(ConcernCategory.Critical, c.Category));
    }

    [Theory]
    [InlineData("'hostName':''", "vmware.hostname.empty")]
    [InlineData("'hostName':'localhost.localdomain'", "vmware.hostname.default")]
    [InlineData("'guestNetworks':[]", "vmware.vm_missing_ip.detected")]
    [InlineData("'diskEnableUuid':true,'disks':[{'bus':'scsi'}]", "vmware.disk_serial.truncated")]
    [InlineData("'consolidationNeeded':true", "vmware.consolidation_needed")]
    [InlineData("'tpmEnabled':true", "vmware.tpm.detected")]
    [InlineData("'disks':[{'datastore':{'kind':'Datastore','id':''}}]", "vmware.datastore.missing")]
    [InlineData("'disks':[{'mode':'independent_persistent'}]", "vmware.disk_mode.independent")]
    [InlineData("'disks':[{'mode':'independent_nonpersistent'}]", "vmware.disk_mode.independent")]
    public void Fires(string fields, string ruleId)
    {
        Assert.Equal(ruleId, Assert.Single(Check.Concerns($"{{'name':'test',{fields}}}")).Id);
    }

    [Theory]
    [InlineData("'hostName':'web01.example.com'")]
    [InlineData("'guestNetworks':[{'mac':'00:50:56:00:00:01','ip':'10.0.0.5'}]")]
    [InlineData("'diskEnableUuid':true,'disks':[{'bus':'sata'}]")]
    [InlineData("'diskEnableUuid':false,'disks':[{'bus':'scsi'}]")]
    [InlineData("'consolidationNeeded':false,'tpmEnabled':false")]
    [InlineData("'disks':[{'datastore':{'kind':'Datastore','id':'datastore-1'},'mode':'persistent'}]")]
    public void Stays_silent(string fields)
    {
        Assert.Empty(Check.Concerns($"{{'name':'test',{fields}}}"));
    }

    [Fact]
    public void Guest_disk_mapping_only_for_windows_and_one_per_unmapped_disk()
    {
        const string disks = "'guestDisks':[{'diskPath':'C:\\\\','freeSpace':1073741824,'key':2000},{'diskPath':'D:\\\\','freeSpace':1073741824,'key':0},{'diskPath':'E:\\\\','freeSpace':1073741824}]";

        Assert.Empty(Of("vmware.guestDisks.key.not_found", $"'guestId':'rhel9_64Guest',{disks}"));
        Assert.Equal(["Missing disk key mapping for 'D:\\'", "Missing disk key mapping for 'E:\\'"],
            Of("vmware.guestDisks.key.not_found", $"'guestId':'windows2019srv_64Guest',{disks}").Select(c => c.Label));
    }

    [Theory]
    [InlineData("'guestId':'rhel6_64Guest'", 1)]
    [InlineData("'guestId':'photonGuest'", 1)]
    [InlineData("'guestName':'VMware Photon OS (64-bit)'", 1)]
    [InlineData("'guestId':'rhel7_64Guest'", 0)]
    [InlineData("'guestId':'windows11_64Guest'", 0)]
    [InlineData("'guestId':'windows2022srvNext_64Guest'", 0)]
    [InlineData("'guestName':'Red Hat Enterprise Linux 8 (64-bit)'", 0)]
    [InlineData("'guestName':'Red Hat Enterprise Linux 8 (64-bit)','guestNameFromVmwareTools':'VMware Photon OS (64-bit)'", 1)]
    [InlineData("'guestName':'VMware Photon OS (64-bit)','guestNameFromVmwareTools':'Red Hat Enterprise Linux 9 (64-bit)'", 0)]
    [InlineData("'guestId':'winXPProGuest','guestName':'Microsoft Windows XP Professional (32-bit)'", 1)]
    [InlineData("'guestId':'windows8Server64Guest','guestNameFromVmwareTools':'Microsoft Windows Server 2012 (64-bit)'", 1)]
    [InlineData("'guestId':'windows7_64Guest'", 1)]
    [InlineData("'guestId':'windows9_64Guest'", 0)]
    [InlineData("'guestId':'windows9Server64Guest'", 0)]
    [InlineData("'guestId':'windows2019srvNext_64Guest'", 0)]
    [InlineData("'guestId':'rhel7Guest'", 0)]
    [InlineData("'guestNameFromVmwareTools':'Microsoft Windows 10 Enterprise (64-bit)'", 0)]
    [InlineData("'guestName':'Microsoft Windows Server 2016 or later (64-bit)'", 0)]
    public void Unsupported_os(string fields, int expected)
    {
        Assert.Equal(expected, Of("vmware.os.unsupported", fields).Count);
    }
}
