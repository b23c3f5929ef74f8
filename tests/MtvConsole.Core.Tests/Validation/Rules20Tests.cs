namespace MtvConsole.Core.Tests.Validation;

/// <summary>The MTV 2.0 Rego test cases (reference §8.3): each input with name "test" gives this many concerns, all of the rule.</summary>
public sealed class Rules20Tests
{
    private const string LongName = "my-vm-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    [Theory]
    [InlineData("vmware.changed_block_tracking.disabled", "'changeTrackingEnabled':true", 0)]
    [InlineData("vmware.changed_block_tracking.disabled", "'changeTrackingEnabled':false", 1)]
    [InlineData("vmware.cpu_affinity.detected", "'cpuAffinity':[]", 0)]
    [InlineData("vmware.cpu_affinity.detected", "'cpuAffinity':[0,2]", 1)]
    [InlineData("vmware.cpu_memory.hotplug.enabled", "'cpuHotAddEnabled':false,'cpuHotRemoveEnabled':false,'memoryHotAddEnabled':false", 0)]
    [InlineData("vmware.cpu_memory.hotplug.enabled", "'cpuHotAddEnabled':true,'cpuHotRemoveEnabled':false,'memoryHotAddEnabled':false", 1)]
    [InlineData("vmware.cpu_memory.hotplug.enabled", "'cpuHotAddEnabled':false,'cpuHotRemoveEnabled':true,'memoryHotAddEnabled':false", 1)]
    [InlineData("vmware.cpu_memory.hotplug.enabled", "'cpuHotAddEnabled':false,'cpuHotRemoveEnabled':false,'memoryHotAddEnabled':true", 1)]
    [InlineData("vmware.dpm.enabled", "'host':{'cluster':{'dpmEnabled':false}}", 0)]
    [InlineData("vmware.dpm.enabled", "'host':{'cluster':{'dpmEnabled':true}}", 1)]
    [InlineData("vmware.drs.enabled", "'host':{'cluster':{'drsEnabled':false}}", 0)]
    [InlineData("vmware.drs.enabled", "'host':{'cluster':{'drsEnabled':true}}", 1)]
    [InlineData("vmware.fault_tolerance.enabled", "'faultToleranceEnabled':false", 0)]
    [InlineData("vmware.fault_tolerance.enabled", "'faultToleranceEnabled':true", 1)]
    [InlineData("vmware.ha.enabled", "'host':{'cluster':{'dasEnabled':false}}", 0)]
    [InlineData("vmware.ha.enabled", "'host':{'cluster':{'dasEnabled':true}}", 1)]
    [InlineData("vmware.host_affinity.detected", "'id':'vm-123','host':{'cluster':{'hostAffinityVms':[]}}", 0)]
    [InlineData("vmware.host_affinity.detected", "'id':'vm-123','host':{'cluster':{'hostAffinityVms':[{'kind':'VM','id':'vm-2050'},{'kind':'VM','id':'vm-2696'}]}}", 0)]
    [InlineData("vmware.host_affinity.detected", "'id':'vm-123','host':{'cluster':{'hostAffinityVms':[{'kind':'VM','id':'vm-123'}]}}", 1)]
    [InlineData("vmware.memory.ballooning.detected", "'balloonedMemory':0", 0)]
    [InlineData("vmware.memory.ballooning.detected", "'balloonedMemory':1024", 1)]
    [InlineData("vmware.numa_affinity.detected", "'numaNodeAffinity':[]", 0)]
    [InlineData("vmware.numa_affinity.detected", "'numaNodeAffinity':[1,2]", 1)]
    [InlineData("vmware.passthrough_device.detected", "'devices':[]", 0)]
    [InlineData("vmware.passthrough_device.detected", "'devices':[{'kind':'VirtualXYZEthernetCard'}]", 0)]
    [InlineData("vmware.passthrough_device.detected", "'devices':[{'kind':'VirtualPCIPassthrough'}]", 1)]
    [InlineData("vmware.disk.rdm.detected", "'disks':[]", 0)]
    [InlineData("vmware.disk.rdm.detected", "'disks':[{'rdm':false}]", 0)]
    [InlineData("vmware.disk.rdm.detected", "'disks':[{'rdm':false},{'rdm':true},{'rdm':false}]", 1)]
    [InlineData("vmware.disk.shared.detected", "'disks':[]", 0)]
    [InlineData("vmware.disk.shared.detected", "'disks':[{'shared':false}]", 0)]
    [InlineData("vmware.disk.shared.detected", "'disks':[{'shared':false},{'shared':true},{'shared':false}]", 1)]
    [InlineData("vmware.snapshot.detected", "'snapshot':{'kind':'','id':''}", 0)]
    [InlineData("vmware.snapshot.detected", "'snapshot':{'kind':'VirtualMachineSnapshot','id':'snapshot-3134'}", 1)]
    [InlineData("vmware.device.sriov.detected", "'devices':[]", 0)]
    [InlineData("vmware.device.sriov.detected", "'devices':[{'kind':'VirtualYYYPassthrough'}]", 0)]
    [InlineData("vmware.device.sriov.detected", "'devices':[{'kind':'VirtualSriovEthernetCard'}]", 1)]
    [InlineData("vmware.uefi.detected", "'firmware':'bios'", 0)]
    [InlineData("vmware.uefi.detected", "'firmware':'efi'", 1)]
    [InlineData("vmware.usb_controller.detected", "'devices':[]", 0)]
    [InlineData("vmware.usb_controller.detected", "'devices':[{'kind':'VirtualXXXPassthrough'}]", 0)]
    [InlineData("vmware.usb_controller.detected", "'devices':[{'kind':'VirtualUSBController'}]", 1)]
    public void Rego_test_case(string ruleId, string fields, int expected)
    {
        var concerns = Check.Concerns($"{{'name':'test',{fields}}}");

        Assert.Equal(expected, concerns.Count);
        Assert.All(concerns, c => Assert.Equal(ruleId, c.Id));
    }

    [Theory]
    [InlineData("test", 0)]
    [InlineData(LongName, 1)]
    [InlineData("my_vm", 1)]
    [InlineData("my/vm", 1)]
    [InlineData("a", 0)]
    [InlineData("Web01", 1)]
    public void Name_rule(string name, int expected)
    {
        var concerns = Check.Concerns($"{{'name':'{name}'}}");

        Assert.Equal(expected, concerns.Count);
        Assert.All(concerns, c => Assert.Equal(("vmware.vm.name.invalid", "Invalid VM Name"), (c.Id, c.Label)));
    }

    [Fact]
    public void A_workload_with_only_a_name_raises_nothing()
    {
        Assert.Empty(Check.Concerns("{'name':'test'}"));
    }

    [Fact]
    public void Absent_fields_inside_lists_and_objects_raise_nothing()
    {
        Assert.Empty(Check.Concerns("{'name':'test','disks':[{},{'file':'[ds] a.vmdk'}],'devices':[{}],'guestDisks':[{'diskPath':'/'}],'host':{'cluster':{}},'snapshot':{}}"));
    }
}
