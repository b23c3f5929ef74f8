using System.Globalization;

namespace MtvConsole.Lab.Simulation;

/// <summary>
/// vSphere-style change ids (<c>52 8f … 3a/1234</c>): a per-disk prefix and a sequence that is the VM's
/// powered-on milliseconds, so a change id alone says how much the disk has been written since.
/// </summary>
internal static class ChangeIds
{
    public static string Prefix(string vmUuid, int diskKey)
    {
        var bytes = Guid.TryParse(vmUuid, out var guid) ? guid.ToByteArray() : new byte[16];
        bytes[0] = 0x52;
        bytes[14] ^= (byte)(diskKey >> 8);
        bytes[15] ^= (byte)diskKey;
        var hex = bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)).ToArray();
        return $"{string.Join(' ', hex[..8])}-{string.Join(' ', hex[8..])}";
    }

    public static string Format(string prefix, long onMilliseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}/{onMilliseconds}");

    public static bool TryParse(string changeId, out string prefix, out long onMilliseconds)
    {
        var slash = changeId.LastIndexOf('/');
        prefix = slash > 0 ? changeId[..slash] : "";
        onMilliseconds = 0;
        return slash > 0 && long.TryParse(changeId[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out onMilliseconds);
    }
}
