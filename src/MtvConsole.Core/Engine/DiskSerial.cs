using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MtvConsole.Core.Engine;

/// <summary>
/// The KubeVirt disk <c>serial</c> of a migrated disk, so guests that find disks by serial (<c>/dev/disk/by-id</c>,
/// Windows disk signatures tied to the serial) still find them.
/// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/base/disk_serial.go DiskSerial, called from
/// pkg/controller/plan/adapter/vsphere/builder.go mapDisks with the vSphere disk's <c>backing.uuid</c>
/// (pkg/controller/provider/container/vsphere/model.go: <c>Serial: backing.Uuid</c>): the UUID with everything but
/// ASCII letters, digits and '-' removed, cut to 20 characters; without a UUID, the first 20 hex digits of
/// SHA-256("&lt;vm id&gt;:&lt;disk key&gt;").
/// </summary>
public static class DiskSerial
{
    public const int MaxLength = 20;

    public static string For(string diskUuid, string vmId, int diskKey)
    {
        var sanitized = new string((diskUuid ?? "").Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        if (sanitized.Length > 0) return sanitized.Length <= MaxLength ? sanitized : sanitized[..MaxLength];
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{vmId}:{diskKey}")));
        return Convert.ToHexStringLower(hash)[..MaxLength];
    }
}
