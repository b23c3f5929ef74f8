using System.Xml.Linq;
using MtvConsole.Vsphere.Collector;
using MtvConsole.Vsphere.Mapping;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Tests;

/// <summary>
/// The request XML the simulator would accept even when wrong (it silently drops a selectSet or device without
/// xsi:type), and the reading of answers written with either xsi prefix.
/// </summary>
public sealed class RequestXmlTests
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    [Fact]
    public void The_envelope_puts_the_method_in_urn_vim25_with_this_first()
    {
        var doc = SoapEnvelope.Build("PowerOffVM_Task", "VirtualMachine", "vm-42", []);

        var method = doc.Root!.Elements().Single().Elements().Single();
        Assert.Equal(XName.Get("PowerOffVM_Task", "urn:vim25"), method.Name);
        var self = method.Elements().First();
        Assert.Equal("_this", self.Name.LocalName);
        Assert.Equal("VirtualMachine", self.Attribute("type")!.Value);
        Assert.Equal("vm-42", self.Value);
        Assert.Equal("http://www.w3.org/2001/XMLSchema-instance", doc.Root.GetNamespaceOfPrefix("xsi")!.NamespaceName);
    }

    [Fact]
    public void A_view_spec_has_a_typed_traversal_and_keeps_the_schema_order()
    {
        var spec = PropertyCollector.ViewSpec("session[1]view-1", new Dictionary<string, string[]> { ["VirtualMachine"] = ["name", "runtime.powerState"] });

        var propSet = spec[0];
        Assert.Equal(["type", "all", "pathSet", "pathSet"], propSet.Elements().Select(e => e.Name.LocalName));
        var objectSet = spec[1];
        Assert.Equal(["obj", "skip", "selectSet"], objectSet.Elements().Select(e => e.Name.LocalName));
        var selectSet = objectSet.Elements().Last();
        Assert.Equal("TraversalSpec", selectSet.Attribute(Xsi + "type")!.Value);
        Assert.Equal(["name", "type", "path", "skip"], selectSet.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("ContainerView", objectSet.Elements().First().Attribute("type")!.Value);
    }

    [Fact]
    public void Typed_elements_carry_xsi_type_by_namespace()
    {
        var option = Vim.Typed("value", "xsd:string", "0");

        Assert.Equal("xsd:string", option.Attribute(Xsi + "type")!.Value);
        Assert.Equal("string", Vim.TypeOf(option));
    }

    [Theory]
    [InlineData("xsi")]
    [InlineData("XMLSchema-instance")]
    public void Xsi_type_is_read_whatever_the_prefix(string prefix)
    {
        var xml = $"""<val xmlns:{prefix}="http://www.w3.org/2001/XMLSchema-instance" {prefix}:type="ArrayOfVirtualDevice" xmlns="urn:vim25"><VirtualDevice {prefix}:type="VirtualDisk"><key>255511522</key><controllerKey>1000</controllerKey><unitNumber>0</unitNumber><capacityInKB>2048</capacityInKB><backing {prefix}:type="VirtualDiskFlatVer2BackingInfo"><fileName>[ds] a/a.vmdk</fileName><diskMode>persistent</diskMode><sharing>sharingMultiWriter</sharing><changeId>52 aa/3</changeId></backing></VirtualDevice><VirtualDevice {prefix}:type="ParaVirtualSCSIController"><key>1000</key><busNumber>0</busNumber><sharedBus>noSharing</sharedBus></VirtualDevice><VirtualDevice {prefix}:type="VirtualPCIPassthrough"><key>13000</key></VirtualDevice></val>""";

        var devices = DeviceParser.Parse(XElement.Parse(xml));

        var disk = Assert.Single(devices.Disks);
        Assert.Equal(255511522, disk.Disk.Key);
        Assert.Equal(2048 * 1024, disk.Disk.CapacityBytes);
        Assert.Equal("scsi", disk.Disk.Bus);
        Assert.True(disk.Disk.Shared);
        Assert.False(disk.Disk.Rdm);
        Assert.Equal("52 aa/3", disk.ChangeId);
        Assert.Equal("scsi0:0.ctkEnabled", disk.CtkKey);
        Assert.Equal("VirtualPCIPassthrough", Assert.Single(devices.Devices).Kind);
    }

    [Fact]
    public void A_soap_fault_becomes_a_typed_exception_with_vcenters_message()
    {
        var fault = XElement.Parse("""
            <Fault xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance"><faultcode>ServerFaultCode</faultcode>
            <faultstring>Cannot complete login due to an incorrect user name or password.</faultstring>
            <detail><InvalidLoginFault xmlns="urn:vim25" XMLSchema-instance:type="InvalidLogin"></InvalidLoginFault></detail></Fault>
            """);

        var error = SoapEnvelope.Fault(fault, "Login");

        Assert.Equal("InvalidLogin", error.FaultName);
        Assert.Equal("Cannot complete login due to an incorrect user name or password.", error.VcenterMessage);
        Assert.Equal("Login failed: InvalidLogin: Cannot complete login due to an incorrect user name or password.", error.Message);
    }

    [Fact]
    public void A_fault_without_xsi_type_is_named_after_its_detail_element()
    {
        var fault = XElement.Parse("<Fault><faultcode>x</faultcode><faultstring>gone</faultstring><detail><ManagedObjectNotFoundFault xmlns=\"urn:vim25\"/></detail></Fault>");

        Assert.Equal("ManagedObjectNotFound", SoapEnvelope.Fault(fault, "PowerOnVM_Task").FaultName);
    }

    [Fact]
    public void Fingerprints_are_compared_in_one_form()
    {
        Assert.Equal("2C:11:ED:D7", CertificatePin.Normalize("2c11ed d7"));
        Assert.Equal("2C:11:ED:D7", CertificatePin.Normalize("2c:11:ed:d7"));
    }
}
