using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MtvConsole.Data.Startup;

/// <summary>
/// Checks the database before the app starts and brings it to the newest migration, in WAL mode.
/// Every problem comes back as one sentence naming it; nothing is created, overwritten or migrated
/// when the connection string is wrong, the folder is not writable or the file is corrupt.
/// </summary>
public static class DatabaseStartup
{
    /// <summary>Turns a relative <c>Data Source</c> into a path under <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string? connectionString, string baseDirectory)
    {
        var builder = Parse(connectionString);
        if (IsFile(builder) && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(baseDirectory, builder.DataSource));
        return builder.ToString();
    }

    /// <summary>Returns null when the database is ready, else one sentence naming the problem.</summary>
    public static string? Prepare(string connectionString, Func<DbContextOptions<MtvDbContext>, MtvDbContext> createContext)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = Parse(connectionString);
        }
        catch (StartupProblem problem)
        {
            return problem.Message;
        }

        if (IsFile(builder))
        {
            var problem = CheckFolder(builder.DataSource) ?? CheckExistingFile(builder);
            if (problem is not null) return problem;
        }

        var options = new DbContextOptionsBuilder<MtvDbContext>().UseSqlite(builder.ToString()).Options;
        try
        {
            using var db = createContext(options);
            db.Database.Migrate();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
            return null;
        }
        catch (SqliteException e)
        {
            return $"Database '{builder.DataSource}' could not be migrated: {e.Message}";
        }
    }

    private static SqliteConnectionStringBuilder Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new StartupProblem("ConnectionStrings:Default is empty; set it to a SQLite connection string such as 'Data Source=data/mtv-console.db'.");
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
                throw new StartupProblem($"ConnectionStrings:Default '{connectionString}' names no Data Source file.");
            return builder;
        }
        catch (ArgumentException e)
        {
            throw new StartupProblem($"ConnectionStrings:Default '{connectionString}' is not a valid SQLite connection string: {e.Message}");
        }
    }

    private static bool IsFile(SqliteConnectionStringBuilder builder) =>
        builder.Mode != SqliteOpenMode.Memory &&
        !string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase);

    private static string? CheckFolder(string dataSource)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource))!;
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"Data folder '{folder}' is not writable: {e.Message}";
        }
    }

    private static string? CheckExistingFile(SqliteConnectionStringBuilder builder)
    {
        if (!File.Exists(builder.DataSource) || new FileInfo(builder.DataSource).Length == 0) return null;
        var readOnly = new SqliteConnectionStringBuilder(builder.ToString()) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        try
        {
            using var connection = new SqliteConnection(readOnly.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check;";
            var result = command.ExecuteScalar() as string;
            return result == "ok" ? null : Corrupt(builder.DataSource, result ?? "quick_check returned nothing");
        }
        catch (SqliteException e)
        {
            return Corrupt(builder.DataSource, e.Message);
        }
    }

    private static string Corrupt(string path, string detail) =>
        $"Database file '{path}' is corrupt or not a SQLite database ({detail}); it was left untouched: restore it from a backup or point ConnectionStrings:Default at another file.";

    private sealed class StartupProblem(string message) : Exception(message);
}
