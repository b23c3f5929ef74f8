using MtvConsole.Data.Startup;

namespace MtvConsole.Data.Tests;

public sealed class StartupProblemTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static string? Prepare(string connectionString) => DatabaseStartup.Prepare(connectionString, o => new MtvDbContext(o));

    [Theory]
    [InlineData("Data Source=x.db;Bogus Keyword=1", "is not a valid SQLite connection string")]
    [InlineData("Mode=ReadWriteCreate", "names no Data Source file")]
    [InlineData("", "ConnectionStrings:Default is empty")]
    public void A_wrong_connection_string_is_named(string connectionString, string expected)
    {
        var problem = Prepare(connectionString);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void A_data_folder_that_cannot_be_created_is_named_and_nothing_is_written()
    {
        var blocker = Path.Combine(_db.Folder, "not-a-folder");
        File.WriteAllText(blocker, "a file where the data folder should be");

        var problem = Prepare($"Data Source={Path.Combine(blocker, "data", "mtv.db")}");

        Assert.NotNull(problem);
        Assert.StartsWith($"Data folder '{Path.Combine(blocker, "data")}' is not writable", problem);
        Assert.Equal("a file where the data folder should be", File.ReadAllText(blocker));
    }

    [Fact]
    public void A_corrupt_database_is_named_and_left_byte_for_byte_untouched()
    {
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251)).ToArray();
        File.WriteAllBytes(_db.FilePath, garbage);

        var problem = Prepare(_db.ConnectionString);

        Assert.NotNull(problem);
        Assert.Contains($"Database file '{_db.FilePath}' is corrupt or not a SQLite database", problem);
        Assert.Equal(garbage, File.ReadAllBytes(_db.FilePath));
        Assert.False(File.Exists(_db.FilePath + "-wal"));
    }

    [Fact]
    public void A_relative_data_source_resolves_under_the_content_root()
    {
        var resolved = DatabaseStartup.Resolve("Data Source=data/mtv.db", "/srv/console");
        Assert.Contains("Data Source=/srv/console/data/mtv.db", resolved);
        Assert.Contains("Data Source=/var/lib/mtv.db", DatabaseStartup.Resolve("Data Source=/var/lib/mtv.db", "/srv/console"));
    }
}
