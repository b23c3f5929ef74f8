namespace MtvConsole.Core.Ports;

/// <summary>
/// Where the virt-v2v conversion pod reads the source VM's domain definition from (libvirt's ESX driver):
/// <c>vpx://&lt;user&gt;@&lt;vCenter&gt;/&lt;datacenter&gt;/&lt;cluster&gt;/&lt;host&gt;?no_verify=1</c> through vCenter, or
/// <c>esx://&lt;user&gt;@&lt;host IP&gt;?no_verify=1</c> when the VM's ESXi host has a Ready migration network,
/// and the SHA-1 thumbprint of that server's certificate (<c>V2V_fingerprint</c>).
/// </summary>
/// <remarks>
/// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/builder.go:447-529 (getSourceDetails) builds the
/// same two URL forms. The console pins vCenter by SHA-1 thumbprint, not by a CA, and libvirt's ESX driver cannot
/// pin a thumbprint, so the URL carries <c>no_verify=1</c>, as upstream's does for a provider with
/// insecureSkipVerify (builder.go:453-459). <see cref="User"/> is the account the console expects in the VM's VDDK
/// Secret; the adapter writes the Secret's own <c>accessKeyId</c> into the URL, because libvirt pairs the URL's
/// user with the Secret's password (pkg/virt-v2v/conversion/conversion.go:384-422, GetDomainXML).
/// </remarks>
public sealed record ConversionSource(string Scheme, string Server, string Path, string Fingerprint, string User)
{
    public const string Vpx = "vpx";
    public const string Esx = "esx";

    /// <summary>The libvirt URL for <paramref name="user"/> (percent-encoded, so <c>administrator@vsphere.local</c> stays one user).</summary>
    public string Url(string user) => $"{Scheme}://{Uri.EscapeDataString(user)}@{Server}{Path}?no_verify=1";
}
