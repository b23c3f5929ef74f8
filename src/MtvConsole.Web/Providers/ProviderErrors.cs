using MtvConsole.Core.Ports;

namespace MtvConsole.Web.Providers;

/// <summary>
/// Which failures mean "the provider cannot be reached right now" (no adapter, network, I/O, time-out):
/// callers report them and carry on instead of failing. One list, so a new adapter's transient error
/// type is added once.
/// </summary>
internal static class ProviderErrors
{
    public static bool IsUnreachable(Exception e) =>
        e is ProviderUnavailableException or HttpRequestException or IOException or TimeoutException
            // vCenter refused the call (bad credentials, missing privileges): reported with vCenter's message.
            or MtvConsole.Vsphere.Soap.VimFaultException
            or KubeVirt.Connection.ClusterConnectionException;
}
