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

    /// <summary>
    /// The file CDI's importer reads: for warm, the base file (the checkpoints then name each snapshot's own disk);
    /// for cold, the disk's current file, the top of its snapshot chain (<c>[ds1] vm/vm-000002.vmdk</c>), since with no
    /// checkpoint CDI opens exactly the file it is given, and the base file would copy the disk as it was at the first snapshot.
    /// </summary>
    // kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/utils.go: baseVolume (fix ea88d3bb6 "transfer updated disk state");
    // kubevirt/containerized-data-importer c07cdb6fb pkg/importer/vddk-datasource_amd64.go: createVddkDataSource (diskFileName := cfg.BackingFile).
    public static string BaseVolume(string file, bool warm) => warm ? TrimSnapshotSuffix(file) : file;

    /// <summary>The task name of a disk: its backing file without the snapshot suffix.</summary>
    public static string TaskName(string backingFile) => TrimSnapshotSuffix(backingFile);

    public static long MiB(long bytes) => (bytes + (1L << 20) - 1) >> 20;
}
