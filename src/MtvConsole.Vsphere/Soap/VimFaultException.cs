namespace MtvConsole.Vsphere.Soap;

/// <summary>
/// A vim25 fault: a SOAP fault of a call or the error of a task. <see cref="FaultName"/> is the fault type
/// (e.g. <c>InvalidLogin</c>, <c>InvalidPowerState</c>, <c>ManagedObjectNotFound</c>); the message is vCenter's.
/// </summary>
public sealed class VimFaultException(string faultName, string vcenterMessage, string method)
    : Exception(string.IsNullOrWhiteSpace(vcenterMessage) ? $"{method} failed: {faultName}" : $"{method} failed: {faultName}: {vcenterMessage}")
{
    public string FaultName { get; } = faultName;

    public string VcenterMessage { get; } = vcenterMessage;

    public string Method { get; } = method;
}
