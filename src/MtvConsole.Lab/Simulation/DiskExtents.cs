using MtvConsole.Core.Ports;

namespace MtvConsole.Lab.Simulation;

/// <summary>Lays a byte count out as deterministic, non-overlapping extents of a disk (1 MiB aligned starts).</summary>
internal static class DiskExtents
{
    private const long ExtentTarget = 256L << 20;
    private const int MaxExtents = 8;

    public static IReadOnlyList<DiskExtent> Spread(long capacity, long bytes)
    {
        bytes = Math.Clamp(bytes, 0, Math.Max(0, capacity));
        if (bytes == 0)
        {
            return [];
        }

        if (bytes * 2 > capacity)
        {
            return [new DiskExtent(0, bytes)];
        }

        var count = (int)Math.Clamp(bytes / ExtentTarget, 1, MaxExtents);
        var stride = capacity / count / (1L << 20) * (1L << 20);
        var length = bytes / count;
        var extents = new DiskExtent[count];
        for (var i = 0; i < count; i++)
        {
            var size = i == count - 1 ? bytes - length * (count - 1) : length;
            extents[i] = new DiskExtent(i * stride, size);
        }

        return extents;
    }
}
