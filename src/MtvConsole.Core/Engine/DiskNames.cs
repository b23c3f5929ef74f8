using System.Text.RegularExpressions;

namespace MtvConsole.Core.Engine;

/// <summary>Disk naming: backing files without the snapshot delta suffix, and MiB totals.</summary>
public static partial class DiskNames
{
    // Current Forklift: exactly six digits (2.0's "-\d+.vmdk" also ate names like "db-01.vmdk").
    [GeneratedRegex(@"-\d{6}\.vmdk$")]
    private static partial Regex SnapshotSuffix();

    /// <summary><c>[ds1] vm/vm-000002.vmdk</c> → <c>[ds1] vm/vm.vmdk</c>.</summary>
    public static string TrimSnapshotSuffix(string backingFile) => SnapshotSuffix().Replace(backingFile, ".vmdk");

    /// <summary>The task name of a disk: its backing file without the snapshot suffix.</summary>
    public static string TaskName(string backingFile) => TrimSnapshotSuffix(backingFile);

    public static long MiB(long bytes) => (bytes + (1L << 20) - 1) >> 20;
}
