using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MtvConsole.Data.Tests;

/// <summary>A database file in its own temporary folder, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"mtv-data-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "mtv.db");
    }

    public string Folder { get; }
    public string FilePath { get; }
    public string ConnectionString => $"Data Source={FilePath}";

    public MtvDbContext Open() => new(new DbContextOptionsBuilder<MtvDbContext>().UseSqlite(ConnectionString).Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
