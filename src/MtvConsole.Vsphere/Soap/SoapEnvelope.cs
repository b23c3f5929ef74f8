using System.Xml.Linq;

namespace MtvConsole.Vsphere.Soap;

/// <summary>Builds the request envelope of one vim25 call: the method element in <c>urn:vim25</c> starting with <c>_this</c>.</summary>
internal static class SoapEnvelope
{
    public static XDocument Build(string method, string thisType, string thisValue, IEnumerable<XElement> args) =>
        new(new XElement(Vim.SoapEnv + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Vim.SoapEnv),
            new XAttribute(XNamespace.Xmlns + "xsi", Vim.Xsi),
            new XAttribute(XNamespace.Xmlns + "xsd", Vim.Xsd),
            new XElement(Vim.SoapEnv + "Body",
                new XElement(Vim.Ns + method,
                    new XAttribute("xmlns", Vim.Ns.NamespaceName),
                    Vim.Ref("_this", thisType, thisValue),
                    args))));

    /// <summary>Reads a SOAP fault element into a typed exception: the fault type from the detail's <c>xsi:type</c>, vCenter's message.</summary>
    public static VimFaultException Fault(XElement fault, string method)
    {
        var message = fault.Element("faultstring")?.Value ?? "";
        var detail = fault.Element("detail")?.Elements().FirstOrDefault();
        var name = detail is null ? "ServerFault"
            : Vim.TypeOf(detail) ?? (detail.Name.LocalName.EndsWith("Fault", StringComparison.Ordinal) && detail.Name.LocalName.Length > 5
                ? detail.Name.LocalName[..^5] : detail.Name.LocalName);
        return new VimFaultException(name, message.Trim(), method);
    }
}
