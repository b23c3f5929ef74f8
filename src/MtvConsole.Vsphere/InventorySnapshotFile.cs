using System.IO.Compression;
using System.Text.Json;
using MtvConsole.Core.Inventory;

namespace MtvConsole.Vsphere;

/// <summary>A provider's last collected inventory with the time it was collected, as one gzip JSON file.</summary>
public sealed record InventorySnapshot(VsphereInventory Inventory, DateTimeOffset CollectedAt);

/// <summary>Saves and loads <see cref="InventorySnapshot"/> files (written to a temp file, then moved into place).</summary>
public static class InventorySnapshotFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Stored(
        DateTimeOffset CollectedAt,
        List<Datacenter> Datacenters,
        List<Folder> Folders,
        List<Cluster> Clusters,
        List<EsxiHost> Hosts,
        List<Network> Networks,
        List<Datastore> Datastores,
        List<VsphereVm> Vms);

    public static async Task SaveAsync(string path, InventorySnapshot snapshot, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var i = snapshot.Inventory;
        var stored = new Stored(snapshot.CollectedAt, [.. i.Datacenters], [.. i.Folders], [.. i.Clusters], [.. i.Hosts], [.. i.Networks], [.. i.Datastores], [.. i.Vms]);
        var partial = path + ".tmp";
        await using (var file = File.Create(partial))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            await JsonSerializer.SerializeAsync(gzip, stored, Json, ct).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The saved snapshot, or null when there is none or it cannot be read (it is then simply collected again).</summary>
    public static async Task<InventorySnapshot?> LoadAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path)) return null;
        try
        {
            await using var file = File.OpenRead(path);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var s = await JsonSerializer.DeserializeAsync<Stored>(gzip, Json, ct).ConfigureAwait(false);
            return s is null ? null : new InventorySnapshot(new VsphereInventory(s.Datacenters, s.Folders, s.Clusters, s.Hosts, s.Networks, s.Datastores, s.Vms), s.CollectedAt);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            return null;
        }
    }
}
