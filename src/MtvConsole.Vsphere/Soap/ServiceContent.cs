namespace MtvConsole.Vsphere.Soap;

/// <summary>The managers of a vCenter (<c>RetrieveServiceContent</c>) and its API version.</summary>
internal sealed record ServiceContent(
    string RootFolder,
    string PropertyCollector,
    string ViewManager,
    string SessionManager,
    string ApiVersion,
    string FullName);
