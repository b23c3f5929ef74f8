using MtvConsole.Core.Inventory;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>Kubernetes spellings of sizes and storage modes.</summary>
public static class Quantities
{
    public static string Bytes(long bytes) => bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string MebiBytes(int mb) => $"{mb}Mi";

    public static string Mode(VolumeMode mode) => mode == VolumeMode.Block ? "Block" : "Filesystem";

    public static string Mode(AccessMode mode) => mode.ToString();

    public static VolumeMode? ParseVolumeMode(string? value) => value switch
    {
        "Block" => VolumeMode.Block,
        "Filesystem" => VolumeMode.Filesystem,
        _ => null,
    };

    public static AccessMode? ParseAccessMode(string? value) => Enum.TryParse<AccessMode>(value, out var m) ? m : null;
}
